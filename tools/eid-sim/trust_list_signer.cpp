#include "trust_list_signer.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/x509.h>
#include <sys/stat.h>

#include <cstdio>
#include <stdexcept>
#include <vector>

namespace gw::tools::eidsim {

struct TrustListSigner::Keys {
    EVP_PKEY* root = nullptr;
    EVP_PKEY* issuer = nullptr;
    ~Keys() {
        EVP_PKEY_free(root);
        EVP_PKEY_free(issuer);
    }
};

namespace {

std::string b64(const unsigned char* p, size_t n, bool url) {
    static const char* std_alpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    static const char* url_alpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const char* a = url ? url_alpha : std_alpha;
    std::string out;
    for (size_t i = 0; i < n; i += 3) {
        const uint32_t v = (uint32_t(p[i]) << 16) | (i + 1 < n ? uint32_t(p[i + 1]) << 8 : 0) |
                           (i + 2 < n ? uint32_t(p[i + 2]) : 0);
        out += a[(v >> 18) & 63];
        out += a[(v >> 12) & 63];
        out += i + 1 < n ? a[(v >> 6) & 63] : (url ? '\0' : '=');
        out += i + 2 < n ? a[v & 63] : (url ? '\0' : '=');
    }
    if (url) out.erase(out.find_last_not_of('\0') + 1);
    return out;
}

EVP_PKEY* generate() {
    EVP_PKEY* k = EVP_EC_gen("P-256");
    if (!k) throw std::runtime_error("EC key generation failed");
    return k;
}

EVP_PKEY* load_or_create(const std::string& path) {
    if (FILE* f = std::fopen(path.c_str(), "r")) {
        EVP_PKEY* k = PEM_read_PrivateKey(f, nullptr, nullptr, nullptr);
        std::fclose(f);
        if (!k) throw std::runtime_error(path + ": not a PEM private key");
        return k;
    }
    EVP_PKEY* k = generate();
    FILE* f = std::fopen(path.c_str(), "w");
    if (!f) throw std::runtime_error("cannot write " + path);
    ::chmod(path.c_str(), 0600);
    PEM_write_PrivateKey(f, k, nullptr, nullptr, 0, nullptr, nullptr);
    std::fclose(f);
    return k;
}

std::vector<unsigned char> spki_der(EVP_PKEY* k) {
    const int n = i2d_PUBKEY(k, nullptr);
    std::vector<unsigned char> der(static_cast<size_t>(n));
    unsigned char* p = der.data();
    i2d_PUBKEY(k, &p);
    return der;
}

}  // namespace

TrustListSigner::TrustListSigner(const std::string& root_key_file, const std::string& root_pub_file)
    : keys_(std::make_unique<Keys>()) {
    keys_->root = load_or_create(root_key_file);
    keys_->issuer = generate();
    if (!root_pub_file.empty()) {
        FILE* f = std::fopen(root_pub_file.c_str(), "w");
        if (!f) throw std::runtime_error("cannot write " + root_pub_file);
        PEM_write_PUBKEY(f, keys_->root);
        std::fclose(f);
    }
    const auto der = spki_der(keys_->issuer);
    issuer_spki_b64_ = b64(der.data(), der.size(), false);
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(der.data(), der.size(), digest);
    kid_ = b64(digest, 8, true);
}

TrustListSigner::~TrustListSigner() = default;

std::string TrustListSigner::body(long long version) const {
    return "{\"version\":" + std::to_string(version) + ",\"keys\":[{\"kid\":\"" + kid_ +
           "\",\"alg\":\"ES256\",\"spki\":\"" + issuer_spki_b64_ +
           "\",\"not_before\":\"2025-01-01T00:00:00Z\",\"not_after\":\"2099-01-01T00:00:00Z\"}]}";
}

std::string TrustListSigner::sign(const std::string& body) const {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    size_t len = 0;
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, keys_->root) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &len,
                       reinterpret_cast<const unsigned char*>(body.data()), body.size()) != 1)
        throw std::runtime_error("signing failed");
    std::vector<unsigned char> der(len);
    if (EVP_DigestSign(ctx.get(), der.data(), &len,
                       reinterpret_cast<const unsigned char*>(body.data()), body.size()) != 1)
        throw std::runtime_error("signing failed");
    const unsigned char* p = der.data();
    std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(len)),
                                                              ECDSA_SIG_free);
    unsigned char rs[64];
    BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), rs, 32);
    BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), rs + 32, 32);
    return "es256=" + b64(rs, 64, true);
}

}  // namespace gw::tools::eidsim
