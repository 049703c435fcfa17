#include "es256_codec.hpp"

#include <openssl/bn.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>

#include <memory>

namespace gw::adp::crypto {

namespace {
using SigPtr = std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)>;
constexpr int kHalf = 32;
}  // namespace

bool is_p256(const EVP_PKEY* key) {
    char group[64] = {};
    size_t len = 0;
    return EVP_PKEY_base_id(key) == EVP_PKEY_EC &&
           EVP_PKEY_get_group_name(key, group, sizeof group, &len) == 1 &&
           std::string_view(group, len) == "prime256v1";
}

std::string ecdsa_raw_to_der(std::string_view rs) {
    if (rs.size() != 2 * kHalf) return {};
    SigPtr sig(ECDSA_SIG_new(), ECDSA_SIG_free);
    const auto* p = reinterpret_cast<const unsigned char*>(rs.data());
    BIGNUM* r = BN_bin2bn(p, kHalf, nullptr);
    BIGNUM* s = BN_bin2bn(p + kHalf, kHalf, nullptr);
    if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
        BN_free(r);
        BN_free(s);
        return {};
    }
    const int n = i2d_ECDSA_SIG(sig.get(), nullptr);
    if (n <= 0) return {};
    std::string der(static_cast<size_t>(n), '\0');
    auto* out = reinterpret_cast<unsigned char*>(der.data());
    i2d_ECDSA_SIG(sig.get(), &out);
    return der;
}

std::string ecdsa_der_to_raw(std::string_view der) {
    const auto* p = reinterpret_cast<const unsigned char*>(der.data());
    SigPtr sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())), ECDSA_SIG_free);
    if (!sig) return {};
    std::string rs(2 * kHalf, '\0');
    auto* out = reinterpret_cast<unsigned char*>(rs.data());
    if (BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), out, kHalf) != kHalf ||
        BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), out + kHalf, kHalf) != kHalf)
        return {};
    return rs;
}

}  // namespace gw::adp::crypto
