#pragma once
// HmacHasher: core::IdentityHasher with HMAC-SHA-256 under the per-gateway secret
// (see GatewaySecret). Derivations (domain-separated, so a published tag does not reveal
// the lookup key):
//   uid_key(uid) = lower-case hex of HMAC(key, "uid:" + uid)            (64 chars)
//   tag(text)    = unpadded base64url of HMAC(key, "tag:" + text)[0..6)  (8 chars)
// Thread-safe: the shared state is immutable after construction; every call uses its own
// OpenSSL MAC context. Never blocks. The key is wiped when the object dies.
// If OpenSSL fails mid-call (out of memory) the result is an empty string, which matches
// no stored credential (fail closed), and the failure is logged.
#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "gateway/core/identity_hasher.hpp"

namespace gw::adp::crypto {

class HmacHasher final : public core::IdentityHasher {
public:
    static constexpr size_t kKeySize = 32;
    static constexpr size_t kMacSize = 32;

    /// Throws std::runtime_error if OpenSSL has no HMAC-SHA-256 (broken installation);
    /// only called at startup.
    explicit HmacHasher(const std::array<uint8_t, kKeySize>& key);
    ~HmacHasher() override;
    HmacHasher(const HmacHasher&) = delete;
    HmacHasher& operator=(const HmacHasher&) = delete;

    std::string uid_key(std::string_view uid) const override;
    std::string tag(std::string_view text) const override;

    /// Raw HMAC-SHA-256(key, prefix + text). False if OpenSSL failed.
    bool mac(std::string_view prefix, std::string_view text,
             std::span<uint8_t, kMacSize> out) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace gw::adp::crypto
