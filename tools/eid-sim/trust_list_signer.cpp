#include "trust_list_signer.hpp"

#include <sys/stat.h>

#include <fstream>
#include <iterator>
#include <span>
#include <stdexcept>

#include "adapters/crypto/base64url.hpp"

namespace gw::tools::eidsim {

namespace {

using adp::crypto::Es256Signer;

Es256Signer must(core::Result<Es256Signer> r, const std::string& what) {
    if (!r) throw std::runtime_error(what + ": " + r.error().message());
    return std::move(r.value());
}

void write_file(const std::string& path, const std::string& text, bool secret) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + path);
    if (secret) ::chmod(path.c_str(), 0600);
    out << text;
    if (!out.flush()) throw std::runtime_error("cannot write " + path);
}

Es256Signer load_or_create(const std::string& path) {
    if (std::ifstream in{path, std::ios::binary}) {
        const std::string pem((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
        return must(Es256Signer::from_pem(pem), path);
    }
    Es256Signer k = must(Es256Signer::generate(), "trust root key");
    write_file(path, k.private_pem(), true);
    return k;
}

std::span<const uint8_t> bytes_of(const std::string& s) {
    return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

}  // namespace

TrustListSigner::TrustListSigner(const std::string& root_key_file, const std::string& root_pub_file)
    : root_(load_or_create(root_key_file)),
      issuer_(must(Es256Signer::generate(), "issuer key")),
      issuer_spki_b64_(adp::crypto::base64_encode(bytes_of(issuer_.spki_der()))),
      kid_(adp::crypto::base64url_encode(bytes_of(issuer_.kid()))) {
    if (!root_pub_file.empty()) write_file(root_pub_file, root_.public_pem(), false);
}

std::string TrustListSigner::body(long long version) const {
    return "{\"version\":" + std::to_string(version) + ",\"keys\":[{\"kid\":\"" + kid_ +
           "\",\"alg\":\"ES256\",\"spki\":\"" + issuer_spki_b64_ +
           "\",\"not_before\":\"2025-01-01T00:00:00Z\",\"not_after\":\"2099-01-01T00:00:00Z\"}]}";
}

std::string TrustListSigner::sign(const std::string& body) const {
    std::string header = adp::crypto::content_signature(root_, body);
    if (header.empty()) throw std::runtime_error("signing failed");
    return header;
}

}  // namespace gw::tools::eidsim
