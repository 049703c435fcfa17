#pragma once
// Es256Verifier: OpenSSL implementation of core::qr::SignatureVerifier (ES256, raw r||s).
// Parsed issuer keys (EVP_PKEY per SPKI) are cached, at most kMaxCachedKeys, so a trust
// list key is parsed once, not per scan. Holder points are parsed per call.
// Thread-safe: the cache is guarded by a mutex. No OpenSSL type in this header.
#include <memory>
#include <string_view>

#include "gateway/core/qr/signature_verifier.hpp"

namespace gw::adp::crypto {

class Es256Verifier final : public core::qr::SignatureVerifier {
public:
    static constexpr size_t kMaxCachedKeys = 64;

    Es256Verifier();
    ~Es256Verifier() override;
    Es256Verifier(const Es256Verifier&) = delete;
    Es256Verifier& operator=(const Es256Verifier&) = delete;

    bool verify_spki(std::string_view spki_der, std::string_view message,
                     std::string_view sig) const override;
    bool verify_point(std::string_view sec1_point, std::string_view message,
                      std::string_view sig) const override;

private:
    struct Cache;
    std::unique_ptr<Cache> cache_;
};

}  // namespace gw::adp::crypto
