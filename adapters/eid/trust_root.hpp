#pragma once
// TrustRoot: the pinned public key (EC P-256) that signs the trust list (eid-sync-v1 §4),
// loaded from a PEM file (a PUBLIC KEY, or a certificate whose key is used). verify()
// checks a detached `Content-Signature: es256=<unpadded base64url of r||s>` over the exact
// body bytes. OpenSSL stays in the .cpp.
//
// Immutable after load; verify() is thread-safe. Errors: EidErrc::TrustRoot on load.
#include <memory>
#include <string>
#include <string_view>

#include "gateway/core/result.hpp"

namespace gw::adp::eid {

class TrustRoot {
public:
    static core::Result<TrustRoot> load(const std::string& pem_file);
    /// Same, from PEM text (tests, the simulator).
    static core::Result<TrustRoot> from_pem(std::string_view pem);

    /// True when `header` is "es256=<sig>" and sig verifies over `body`.
    bool verify(std::string_view body, std::string_view header) const;

private:
    struct Key;
    explicit TrustRoot(std::shared_ptr<const Key> key) : key_(std::move(key)) {}
    std::shared_ptr<const Key> key_;
};

}  // namespace gw::adp::eid
