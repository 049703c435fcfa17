#pragma once
// TrustListSigner: the simulator's side of eid-sync-v1 §4. Holds the trust root key (EC
// P-256; loaded from a PEM file, or generated and written there) and one issuer key, builds
// the trust list body for a version and signs the exact body bytes:
// `Content-Signature: es256=<unpadded base64url of r||s>`. Thread-safe after construction.
#include <memory>
#include <string>

namespace gw::tools::eidsim {

class TrustListSigner {
public:
    /// `root_key_file`: PEM private key, created (0600) if missing. `root_pub_file`, when
    /// not empty, receives the public key in PEM (what the gateway pins). Throws on errors.
    TrustListSigner(const std::string& root_key_file, const std::string& root_pub_file);
    ~TrustListSigner();

    std::string body(long long version) const;
    /// The Content-Signature header value for `body`.
    std::string sign(const std::string& body) const;
    /// The issuer key's id (unpadded base64url of 8 bytes).
    const std::string& kid() const { return kid_; }

private:
    struct Keys;
    std::unique_ptr<Keys> keys_;
    std::string issuer_spki_b64_;
    std::string kid_;
};

}  // namespace gw::tools::eidsim
