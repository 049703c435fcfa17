#pragma once
// Es256Signer: an EC P-256 private key that signs with ES256 and returns the raw 64-byte
// r||s form of JOSE/COSE. Used by the CEID1 test issuer and to sign trust-list bodies
// (eid-sync-v1 §4 Content-Signature). Immutable after creation; sign() is thread-safe.
// No OpenSSL type in this header.
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "gateway/core/result.hpp"

namespace gw::adp::crypto {

class Es256Signer {
public:
    /// A fresh random P-256 key.
    static core::Result<Es256Signer> generate();
    /// From PEM ("PRIVATE KEY" PKCS#8 or "EC PRIVATE KEY"); must be a P-256 key.
    static core::Result<Es256Signer> from_pem(std::string_view pem);

    /// ES256 over `message` (SHA-256 inside): 64 bytes r||s; empty on failure.
    std::string sign(std::string_view message) const;
    /// PKCS#8 PEM of the private key.
    std::string private_pem() const;
    /// The public key as PEM ("PUBLIC KEY"), what a verifier pins.
    std::string public_pem() const;
    /// DER SubjectPublicKeyInfo of the public key.
    std::string spki_der() const;
    /// SEC1 public point: 0x04||x||y, or 0x02/0x03||x when `compressed`.
    std::string public_point(bool compressed = false) const;
    /// 8-byte key id: the first 8 bytes of SHA-256(spki_der), as the e-ID simulator does.
    std::string kid() const;

private:
    struct Key;
    explicit Es256Signer(std::shared_ptr<const Key> key) : key_(std::move(key)) {}
    std::shared_ptr<const Key> key_;
};

/// The eid-sync-v1 §4 `Content-Signature` value for `body`: "es256=<unpadded base64url r||s>".
std::string content_signature(const Es256Signer& signer, std::string_view body);

}  // namespace gw::adp::crypto
