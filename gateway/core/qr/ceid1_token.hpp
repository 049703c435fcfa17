#pragma once
// A decoded CEID1 presentation (eid-qr-v1 §2–§3): the text passed steps 1–2 of §4 (prefix,
// length, strict Base45, strict CBOR, shapes and types). Nothing here is verified yet.
// Pure functions; thread-safe.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gw::core::qr {

inline constexpr std::string_view kCeid1Prefix = "CEID1:";
inline constexpr size_t kCeid1MaxText = 1024;
inline constexpr int64_t kAlgEs256 = -7;
inline constexpr uint64_t kCoseSign1Tag = 18;

struct Ceid1Token {               // a decoded presentation (steps 1-2 passed)
    std::string credential;       // content of the credential bstr (serialized COSE_Sign1)
    uint64_t t = 0;               // time step
    std::string holder_sig;       // 64 bytes r||s
    std::string protected_bytes;  // content of the protected-header bstr
    std::string payload;          // content of the payload bstr
    std::string issuer_sig;       // 64 bytes r||s
    int64_t alg = 0;
    std::string kid;  // raw kid bytes (8)
    std::string iss, sub, typ, tname /*defaults to typ*/, sch;
    uint64_t exp = 0, nbf = 0, iat = 0;
    std::string cti;         // raw bytes (8-16)
    std::string holder_key;  // SEC1 point: 0x04||x||y, or 0x02/0x03||x when compressed
    bool tagged = false;     // the COSE_Sign1 carried CBOR tag 18

    std::string cid() const;  // lower-case hex of cti
    bool compressed_key() const { return !holder_key.empty() && holder_key[0] != 0x04; }
};

/// Steps 1–2 of eid-qr-v1 §4. Strips ONE trailing CR, LF or CRLF first; nullopt = malformed.
std::optional<Ceid1Token> decode_ceid1(std::string_view text);

/// CBOR ["Signature1", protected, h'', payload] (RFC 9052 §4.4): what the issuer signed.
std::string sig_structure(const Ceid1Token& token);

/// "CEID1-presentation" || SHA-256(credential) || u64be(t): what the holder signed.
std::string holder_signing_input(const Ceid1Token& token);

}  // namespace gw::core::qr
