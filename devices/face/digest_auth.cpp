#include "digest_auth.hpp"

#include <openssl/evp.h>

#include <openssl/crypto.h>

namespace gw::dev::face {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == ',')) s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

bool same(std::string_view a, std::string_view b) {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

std::map<std::string, std::string> parse_digest_header(std::string_view h) {
    std::map<std::string, std::string> out;
    if (h.size() < 7 || h.substr(0, 7) != "Digest ") return out;
    h.remove_prefix(7);
    while (!(h = trim(h)).empty()) {
        const auto eq = h.find('=');
        if (eq == std::string_view::npos) break;
        std::string key(trim(h.substr(0, eq)));
        h.remove_prefix(eq + 1);
        std::string value;
        if (!h.empty() && h.front() == '"') {
            const auto close = h.find('"', 1);
            if (close == std::string_view::npos) return {};
            value = std::string(h.substr(1, close - 1));
            h.remove_prefix(close + 1);
        } else {
            const auto comma = h.find(',');
            value = std::string(trim(h.substr(0, comma)));
            h = comma == std::string_view::npos ? std::string_view{} : h.substr(comma);
        }
        out[key] = value;
    }
    return out;
}

std::string md5_hex(std::string_view text) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(text.data(), text.size(), md, &len, EVP_md5(), nullptr);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < len; ++i) {
        out.push_back(kHex[md[i] >> 4]);
        out.push_back(kHex[md[i] & 0xF]);
    }
    return out;
}

std::string digest_challenge(std::string_view realm, std::string_view nonce) {
    return "Digest realm=\"" + std::string(realm) + "\", qop=\"auth\", nonce=\"" +
           std::string(nonce) + "\", algorithm=MD5";
}

bool digest_valid(std::string_view authorization, std::string_view method, std::string_view uri,
                  std::string_view realm, std::string_view nonce, std::string_view user,
                  std::string_view password) {
    auto p = parse_digest_header(authorization);
    if (p["username"] != user || p["realm"] != realm || p["nonce"] != nonce || p["uri"] != uri)
        return false;
    if (p.count("algorithm") && p["algorithm"] != "MD5") return false;
    const std::string ha1 = md5_hex(std::string(user) + ":" + std::string(realm) + ":" +
                                    std::string(password));
    const std::string ha2 = md5_hex(std::string(method) + ":" + std::string(uri));
    std::string expected;
    if (p["qop"] == "auth")
        expected = md5_hex(ha1 + ":" + p["nonce"] + ":" + p["nc"] + ":" + p["cnonce"] +
                           ":auth:" + ha2);
    else
        return false;  // qop=auth is what we offer; legacy RFC 2069 answers are refused
    return same(expected, p["response"]);
}

}  // namespace gw::dev::face
