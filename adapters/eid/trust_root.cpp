// ES256 over the exact bytes: the signature header carries the raw r||s (64 bytes) of
// JOSE/COSE; OpenSSL's verifier wants DER, so it is re-encoded here.
#include "trust_root.hpp"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <fstream>
#include <sstream>
#include <vector>

#include "eid_error.hpp"

namespace gw::adp::eid {

struct TrustRoot::Key {
    EVP_PKEY* pkey = nullptr;
    ~Key() { EVP_PKEY_free(pkey); }
};

namespace {

core::Error root_error(const std::string& what) {
    return core::Error{make_error_code(EidErrc::TrustRoot), what};
}

EVP_PKEY* read_pem_key(std::string_view pem) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(
        BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
    if (!bio) return nullptr;
    if (EVP_PKEY* k = PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr)) return k;
    BIO_reset(bio.get());
    std::unique_ptr<X509, decltype(&X509_free)> cert(
        PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), X509_free);
    return cert ? X509_get_pubkey(cert.get()) : nullptr;
}

bool is_p256(EVP_PKEY* k) {
    char group[64] = {};
    size_t len = 0;
    return EVP_PKEY_base_id(k) == EVP_PKEY_EC &&
           EVP_PKEY_get_group_name(k, group, sizeof group, &len) == 1 &&
           std::string_view(group, len) == "prime256v1";
}

std::string base64url_decode(std::string_view text) {
    for (char c : text)
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_'))
            return {};
    std::istringstream in{std::string(text)};
    Poco::Base64Decoder dec(in, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
    std::string out;
    try {
        out.assign(std::istreambuf_iterator<char>(dec), std::istreambuf_iterator<char>());
    } catch (...) {
        return {};
    }
    return out;
}

/// r||s (2 x 32 bytes) to a DER ECDSA-Sig-Value.
std::vector<unsigned char> to_der(const std::string& rs) {
    std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> sig(ECDSA_SIG_new(), ECDSA_SIG_free);
    const auto* p = reinterpret_cast<const unsigned char*>(rs.data());
    BIGNUM* r = BN_bin2bn(p, 32, nullptr);
    BIGNUM* s = BN_bin2bn(p + 32, 32, nullptr);
    if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
        BN_free(r);
        BN_free(s);
        return {};
    }
    const int n = i2d_ECDSA_SIG(sig.get(), nullptr);
    if (n <= 0) return {};
    std::vector<unsigned char> der(static_cast<size_t>(n));
    unsigned char* out = der.data();
    i2d_ECDSA_SIG(sig.get(), &out);
    return der;
}

}  // namespace

core::Result<TrustRoot> TrustRoot::from_pem(std::string_view pem) {
    auto key = std::make_shared<Key>();
    key->pkey = read_pem_key(pem);
    if (!key->pkey) return root_error("no PEM public key or certificate");
    if (!is_p256(key->pkey)) return root_error("the trust root must be an EC P-256 key");
    return TrustRoot(std::move(key));
}

core::Result<TrustRoot> TrustRoot::load(const std::string& pem_file) {
    std::ifstream in(pem_file, std::ios::binary);
    if (!in) return root_error("cannot read " + pem_file);
    std::ostringstream ss;
    ss << in.rdbuf();
    auto r = from_pem(ss.str());
    if (!r) return root_error(pem_file + ": " + r.error().context);
    return r;
}

bool TrustRoot::verify(std::string_view body, std::string_view header) const {
    constexpr std::string_view kPrefix = "es256=";
    if (header.substr(0, kPrefix.size()) != kPrefix) return false;
    const std::string rs = base64url_decode(header.substr(kPrefix.size()));
    if (rs.size() != 64) return false;
    const auto der = to_der(rs);
    if (der.empty()) return false;
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key_->pkey) != 1)
        return false;
    return EVP_DigestVerify(ctx.get(), der.data(), der.size(),
                            reinterpret_cast<const unsigned char*>(body.data()), body.size()) == 1;
}

}  // namespace gw::adp::eid
