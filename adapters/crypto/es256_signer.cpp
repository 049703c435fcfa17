#include "es256_signer.hpp"

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cstdint>
#include <span>

#include "base64url.hpp"
#include "crypto_error.hpp"
#include "es256_codec.hpp"

namespace gw::adp::crypto {

struct Es256Signer::Key {
    EVP_PKEY* pkey = nullptr;
    explicit Key(EVP_PKEY* k) : pkey(k) {}
    ~Key() { EVP_PKEY_free(pkey); }
    Key(const Key&) = delete;
    Key& operator=(const Key&) = delete;
};

namespace {

using BioPtr = std::unique_ptr<BIO, decltype(&BIO_free)>;

core::Error key_error(const char* what) {
    return core::Error{make_error_code(CryptoErrc::KeyInvalid), what};
}

std::string bio_text(BIO* bio) {
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    return n > 0 ? std::string(data, static_cast<size_t>(n)) : std::string();
}

}  // namespace

core::Result<Es256Signer> Es256Signer::generate() {
    EVP_PKEY* k = EVP_EC_gen("P-256");
    if (!k) return key_error("EC P-256 key generation failed");
    return Es256Signer(std::make_shared<const Key>(k));
}

core::Result<Es256Signer> Es256Signer::from_pem(std::string_view pem) {
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
    EVP_PKEY* k = bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr;
    if (!k) return key_error("no PEM private key");
    auto key = std::make_shared<const Key>(k);
    if (!is_p256(k)) return key_error("not an EC P-256 key");
    return Es256Signer(std::move(key));
}

std::string Es256Signer::sign(std::string_view message) const {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    const auto* msg = reinterpret_cast<const unsigned char*>(message.data());
    size_t len = 0;
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key_->pkey) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &len, msg, message.size()) != 1)
        return {};
    std::string der(len, '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(der.data()), &len, msg,
                       message.size()) != 1)
        return {};
    der.resize(len);
    return ecdsa_der_to_raw(der);
}

std::string Es256Signer::private_pem() const {
    BioPtr bio(BIO_new(BIO_s_mem()), BIO_free);
    if (!bio ||
        PEM_write_bio_PrivateKey(bio.get(), key_->pkey, nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return {};
    return bio_text(bio.get());
}

std::string Es256Signer::public_pem() const {
    BioPtr bio(BIO_new(BIO_s_mem()), BIO_free);
    if (!bio || PEM_write_bio_PUBKEY(bio.get(), key_->pkey) != 1) return {};
    return bio_text(bio.get());
}

std::string Es256Signer::spki_der() const {
    const int n = i2d_PUBKEY(key_->pkey, nullptr);
    if (n <= 0) return {};
    std::string der(static_cast<size_t>(n), '\0');
    auto* p = reinterpret_cast<unsigned char*>(der.data());
    i2d_PUBKEY(key_->pkey, &p);
    return der;
}

std::string Es256Signer::public_point(bool compressed) const {
    unsigned char buf[65];
    size_t len = 0;
    if (EVP_PKEY_get_octet_string_param(key_->pkey, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, buf,
                                        sizeof buf, &len) != 1 ||
        len != 65 || buf[0] != 0x04)
        return {};
    std::string point(reinterpret_cast<const char*>(buf), len);
    if (!compressed) return point;
    point[0] = static_cast<char>(0x02 | (buf[64] & 1));
    point.resize(33);
    return point;
}

std::string Es256Signer::kid() const {
    const std::string der = spki_der();
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    if (EVP_Digest(der.data(), der.size(), digest, &n, EVP_sha256(), nullptr) != 1) return {};
    return std::string(reinterpret_cast<const char*>(digest), 8);
}

std::string content_signature(const Es256Signer& signer, std::string_view body) {
    const std::string rs = signer.sign(body);
    if (rs.empty()) return {};
    return "es256=" + base64url_encode(std::span<const uint8_t>(
                          reinterpret_cast<const uint8_t*>(rs.data()), rs.size()));
}

}  // namespace gw::adp::crypto
