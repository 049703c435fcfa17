#include "hmac_hasher.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <stdexcept>

#include "base64url.hpp"
#include "gateway/core/log.hpp"
#include "hex.hpp"

namespace gw::adp::crypto {
namespace {

constexpr std::string_view kChan = "adp.crypto";
constexpr size_t kTagBytes = 6;

struct MacDeleter {
    void operator()(EVP_MAC* m) const { EVP_MAC_free(m); }
};
struct MacCtxDeleter {
    void operator()(EVP_MAC_CTX* c) const { EVP_MAC_CTX_free(c); }
};
using MacPtr = std::unique_ptr<EVP_MAC, MacDeleter>;
using MacCtxPtr = std::unique_ptr<EVP_MAC_CTX, MacCtxDeleter>;

}  // namespace

// `keyed` is a MAC context already initialised with the key: each call duplicates it
// (a const read, safe from several threads at once per openssl-threads(7)) instead of
// fetching the algorithm and hashing the key pads again, which costs more than the MAC
// of a short UID itself. That matters when a 200,000-credential snapshot is hashed.
struct HmacHasher::Impl {
    MacPtr mac;
    MacCtxPtr keyed;
};

HmacHasher::HmacHasher(const std::array<uint8_t, kKeySize>& key) : impl_(new Impl) {
    impl_->mac.reset(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
    if (!impl_->mac) throw std::runtime_error("OpenSSL: HMAC not available");
    impl_->keyed.reset(EVP_MAC_CTX_new(impl_->mac.get()));
    if (!impl_->keyed) throw std::runtime_error("OpenSSL: cannot allocate a MAC context");
    char digest[] = "SHA256";
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
        OSSL_PARAM_construct_end()};
    if (EVP_MAC_init(impl_->keyed.get(), key.data(), key.size(), params) != 1)
        throw std::runtime_error("OpenSSL: HMAC-SHA-256 initialisation failed");
}

HmacHasher::~HmacHasher() = default;  // EVP_MAC_CTX_free wipes the key schedule

bool HmacHasher::mac(std::string_view prefix, std::string_view text,
                     std::span<uint8_t, kMacSize> out) const {
    MacCtxPtr ctx(EVP_MAC_CTX_dup(impl_->keyed.get()));
    size_t len = 0;
    const bool ok =
        ctx &&
        EVP_MAC_update(ctx.get(), reinterpret_cast<const unsigned char*>(prefix.data()),
                       prefix.size()) == 1 &&
        EVP_MAC_update(ctx.get(), reinterpret_cast<const unsigned char*>(text.data()),
                       text.size()) == 1 &&
        EVP_MAC_final(ctx.get(), out.data(), &len, out.size()) == 1 && len == kMacSize;
    if (!ok) GW_LOG(Err, kChan, core::LogLine("hmac failed"));
    return ok;
}

std::string HmacHasher::uid_key(std::string_view uid) const {
    std::array<uint8_t, kMacSize> m{};
    if (!mac("uid:", uid, m)) return {};
    std::string out = hex_encode(m);
    OPENSSL_cleanse(m.data(), m.size());
    return out;
}

std::string HmacHasher::tag(std::string_view text) const {
    std::array<uint8_t, kMacSize> m{};
    if (!mac("tag:", text, m)) return {};
    std::string out = base64url_encode(std::span<const uint8_t>(m.data(), kTagBytes));
    OPENSSL_cleanse(m.data(), m.size());
    return out;
}

}  // namespace gw::adp::crypto
