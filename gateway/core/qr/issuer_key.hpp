#pragma once
// IssuerKey: a trust-list key (eid-sync-v1 §4, eid-qr-v1 §6) decoded for verification.
// Pure; thread-safe.
#include <string>
#include <vector>

#include "gateway/core/clock.hpp"
#include "gateway/core/trust_list.hpp"

namespace gw::core::qr {

struct IssuerKey {
    std::string kid;       // 8 raw bytes
    std::string spki_der;  // DER SubjectPublicKeyInfo
    SysTime not_before;
    SysTime not_after;

    /// not_before <= now <= not_after.
    bool valid_at(SysTime now) const { return not_before <= now && now <= not_after; }
};

/// From the parsed trust list (TrustKey: kid is unpadded base64url, spki is base64 DER):
/// keys with another alg than "ES256", or whose kid (must be 8 bytes) or spki do not decode,
/// are skipped. The base64 decoding is core's own (base64.hpp).
std::vector<IssuerKey> issuer_keys_from(const TrustList& list);

}  // namespace gw::core::qr
