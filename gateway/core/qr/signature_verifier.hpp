#pragma once
// SignatureVerifier port: ES256 (ECDSA P-256 with SHA-256) signature checks for CEID1.
// The OpenSSL implementation is gw::adp::crypto::Es256Verifier. Implementations must be
// safe to call from the thread that owns the Ceid1Verifier; they never block on I/O.
#include <string_view>

namespace gw::core::qr {

class SignatureVerifier {
public:
    virtual ~SignatureVerifier() = default;
    /// ES256 over `message` (SHA-256 inside) with raw r||s `sig` (64 bytes), by the key in
    /// `spki_der` (DER SubjectPublicKeyInfo, EC P-256). False on any malformed input.
    virtual bool verify_spki(std::string_view spki_der, std::string_view message,
                             std::string_view sig) const = 0;
    /// Same, by a SEC1 point (0x04||x||y, or 0x02/0x03||x compressed) on P-256.
    virtual bool verify_point(std::string_view sec1_point, std::string_view message,
                              std::string_view sig) const = 0;
};

}  // namespace gw::core::qr
