// Parsing an SPKI or a point into an EVP_PKEY costs more than the verification itself, so
// parsed keys are cached (shared_ptr: a key in use survives a cache reset). EVP_PKEY is
// safe for concurrent verification once built; only the map needs the mutex.
#include "es256_verifier.hpp"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/x509.h>

#include <mutex>
#include <string>
#include <unordered_map>

#include "es256_codec.hpp"

namespace gw::adp::crypto {

namespace {

using KeyPtr = std::shared_ptr<EVP_PKEY>;

KeyPtr parse_spki(std::string_view der) {
    const auto* p = reinterpret_cast<const unsigned char*>(der.data());
    EVP_PKEY* k = d2i_PUBKEY(nullptr, &p, static_cast<long>(der.size()));
    if (!k) return nullptr;
    KeyPtr key(k, EVP_PKEY_free);
    if (!is_p256(k) || p != reinterpret_cast<const unsigned char*>(der.data() + der.size()))
        return nullptr;
    return key;
}

KeyPtr parse_point(std::string_view point) {
    const bool ok_len = (point.size() == 65 && point[0] == 0x04) ||
                        (point.size() == 33 && (point[0] == 0x02 || point[0] == 0x03));
    if (!ok_len) return nullptr;
    std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)> bld(OSSL_PARAM_BLD_new(),
                                                                        OSSL_PARAM_BLD_free);
    if (!bld ||
        OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) !=
            1 ||
        OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                         point.size()) != 1)
        return nullptr;
    std::unique_ptr<OSSL_PARAM, decltype(&OSSL_PARAM_free)> params(
        OSSL_PARAM_BLD_to_param(bld.get()), OSSL_PARAM_free);
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(
        EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr), EVP_PKEY_CTX_free);
    EVP_PKEY* k = nullptr;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
        EVP_PKEY_fromdata(ctx.get(), &k, EVP_PKEY_PUBLIC_KEY, params.get()) != 1)
        return nullptr;
    return KeyPtr(k, EVP_PKEY_free);
}

bool verify_with(EVP_PKEY* key, std::string_view message, std::string_view sig) {
    const std::string der = ecdsa_raw_to_der(sig);
    if (der.empty()) return false;
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) != 1)
        return false;
    return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(der.data()),
                            der.size(), reinterpret_cast<const unsigned char*>(message.data()),
                            message.size()) == 1;
}

}  // namespace

struct Es256Verifier::Cache {
    std::mutex mu;
    std::unordered_map<std::string, KeyPtr> keys;  // "S"+spki or "P"+point -> key

    template <class Parse>
    KeyPtr get(char kind, std::string_view bytes, Parse parse) {
        std::string id(1, kind);
        id.append(bytes);
        {
            std::lock_guard lock(mu);
            if (auto it = keys.find(id); it != keys.end()) return it->second;
        }
        KeyPtr key = parse(bytes);
        if (!key) return nullptr;
        std::lock_guard lock(mu);
        if (keys.size() >= kMaxCachedKeys) keys.clear();
        keys.emplace(std::move(id), key);
        return key;
    }
};

Es256Verifier::Es256Verifier() : cache_(std::make_unique<Cache>()) {}
Es256Verifier::~Es256Verifier() = default;

bool Es256Verifier::verify_spki(std::string_view spki_der, std::string_view message,
                                std::string_view sig) const {
    const KeyPtr key = cache_->get('S', spki_der, parse_spki);
    return key && verify_with(key.get(), message, sig);
}

bool Es256Verifier::verify_point(std::string_view sec1_point, std::string_view message,
                                 std::string_view sig) const {
    const KeyPtr key = cache_->get('P', sec1_point, parse_point);
    return key && verify_with(key.get(), message, sig);
}

}  // namespace gw::adp::crypto
