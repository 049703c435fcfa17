#pragma once
// The issuer trust list (eid-sync-v1 §4): the keys that sign e-ID QR credentials, as served
// by the e-ID system and verified against the pinned trust root before it is parsed.
#include <cstdint>
#include <string>
#include <vector>

#include "clock.hpp"

namespace gw::core {

struct TrustKey {
    std::string kid;   // unpadded base64url of the 8-byte key id, as served
    std::string alg;   // "ES256"
    std::string spki;  // base64 DER SubjectPublicKeyInfo (EC P-256), as served
    SysTime not_before;
    SysTime not_after;
};

struct TrustList {
    int64_t version = 0;
    std::vector<TrustKey> keys;
    size_t rejected = 0;  // malformed keys skipped by the parser
};

/// What is stored so a gateway can restart offline: the exact body and its signature
/// header value, verified again on load.
struct SignedTrustList {
    int64_t version = 0;
    std::string body;
    std::string signature;  // the Content-Signature header value ("es256=…")
};

}  // namespace gw::core
