#pragma once
// TrustListSigner: the simulator's side of eid-sync-v1 §4. Holds the trust root key (EC
// P-256; loaded from a PEM file, or generated and written there) and one issuer key, builds
// the trust list body for a version and signs the exact body bytes:
// `Content-Signature: es256=<unpadded base64url of r||s>`. The keys and the signature are
// gw_crypto's Es256Signer. Thread-safe after construction.
#include <string>

#include "adapters/crypto/es256_signer.hpp"

namespace gw::tools::eidsim {

class TrustListSigner {
public:
    /// `root_key_file`: PEM private key, created (0600) if missing. `root_pub_file`, when
    /// not empty, receives the public key in PEM (what the gateway pins). Throws on errors.
    TrustListSigner(const std::string& root_key_file, const std::string& root_pub_file);

    std::string body(long long version) const;
    /// The Content-Signature header value for `body`.
    std::string sign(const std::string& body) const;
    /// The issuer key's id (unpadded base64url of 8 bytes).
    const std::string& kid() const { return kid_; }
    /// The issuer key (signs CEID1 credentials that the listed key verifies).
    const adp::crypto::Es256Signer& issuer() const { return issuer_; }

private:
    adp::crypto::Es256Signer root_;
    adp::crypto::Es256Signer issuer_;
    std::string issuer_spki_b64_;
    std::string kid_;
};

}  // namespace gw::tools::eidsim
