// Base45 (RFC 9285), the small Base64 decoders and SHA-256 of gateway/core/qr.
#include <openssl/evp.h>

#include <boost/test/unit_test.hpp>
#include <optional>
#include <string>

#include "gateway/core/qr/base45.hpp"
#include "gateway/core/qr/base64.hpp"
#include "gateway/core/qr/sha256.hpp"

using namespace gw::core::qr;

namespace {
std::string hex(const Sha256Digest& d) {
    static const char* k = "0123456789abcdef";
    std::string s;
    for (auto b : d) s += {k[b >> 4], k[b & 15]};
    return s;
}
// Decoded text, or a marker no test input decodes to.
const std::string kNone = "<none>";
std::string d45(std::string_view t) {
    return base45_decode(t).value_or(kNone);
}
std::string d64(std::string_view t) {
    return base64_decode(t).value_or(kNone);
}
std::string d64u(std::string_view t) {
    return base64url_decode(t).value_or(kNone);
}
}  // namespace

BOOST_AUTO_TEST_SUITE(base45)

BOOST_AUTO_TEST_CASE(rfc9285_examples_round_trip) {
    const std::pair<const char*, const char*> examples[] = {{"AB", "BB8"},
                                                            {"Hello!!", "%69 VD92EX0"},
                                                            {"base-45", "UJCLQE7W581"},
                                                            {"ietf!", "QED8WEX0"},
                                                            {"", ""}};
    for (const auto& [plain, enc] : examples) {
        BOOST_TEST(base45_encode(plain) == enc);
        BOOST_TEST(d45(enc) == std::string(plain));
    }
}

BOOST_AUTO_TEST_CASE(all_byte_values_round_trip) {
    std::string all;
    for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
    for (size_t n : {size_t{1}, size_t{2}, size_t{255}, size_t{256}})
        BOOST_TEST(d45(base45_encode(all.substr(0, n))) == all.substr(0, n));
}

BOOST_AUTO_TEST_CASE(strict_decoding_rejects) {
    BOOST_TEST(!base45_decode("GGW"));   // 65536: a triple above 65535
    BOOST_TEST(!base45_decode("::"));    // 2024: a final pair above 255
    BOOST_TEST(!base45_decode("BB8A"));  // a dangling single character
    BOOST_TEST(!base45_decode("A"));
    BOOST_TEST(!base45_decode("qed8wex0"));  // lower case is not in the alphabet
    BOOST_TEST(!base45_decode("QED8WEX="));
    BOOST_TEST(!base45_decode(std::string("BB\0", 3)));
    BOOST_TEST(base45_decode("FGW").has_value());  // 65535 is the largest triple
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(base64)

BOOST_AUTO_TEST_CASE(standard_and_url_alphabets) {
    BOOST_TEST(d64("aGVsbG8=") == std::string("hello"));
    BOOST_TEST(d64("aGk+Pz8/") == std::string("hi>???"));
    BOOST_TEST(d64u("aGk-Pz8_") == std::string("hi>???"));
    BOOST_TEST(d64u("aGVsbG8") == std::string("hello"));
    BOOST_TEST(d64("") == std::string(""));
}

BOOST_AUTO_TEST_CASE(bad_input_is_rejected) {
    BOOST_TEST(!base64_decode("aGVsbG8"));   // padding missing
    BOOST_TEST(!base64_decode("aGk-Pz8_"));  // url characters in standard base64
    BOOST_TEST(!base64url_decode("aGk+Pz8/"));
    BOOST_TEST(!base64url_decode("aGVsbG8="));  // no padding in base64url
    BOOST_TEST(!base64url_decode("a"));
    BOOST_TEST(!base64url_decode("aGVsbG9"));  // non-zero trailing bits
    BOOST_TEST(!base64_decode("a==="));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(sha256_digest)

BOOST_AUTO_TEST_CASE(fips_180_examples) {
    BOOST_TEST(hex(sha256("")) ==
               "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    BOOST_TEST(hex(sha256("abc")) ==
               "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    BOOST_TEST(hex(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
               "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

BOOST_AUTO_TEST_CASE(agrees_with_openssl_across_block_boundaries) {
    std::string data;
    for (size_t n = 0; n < 300; ++n) {
        unsigned char ref[32];
        unsigned int len = 0;
        EVP_Digest(data.data(), data.size(), ref, &len, EVP_sha256(), nullptr);
        const auto ours = sha256(data);
        BOOST_TEST_CONTEXT("length " << n) {
            BOOST_TEST(std::equal(ours.begin(), ours.end(), ref));
        }
        data += static_cast<char>(n * 7 + 1);
    }
}

BOOST_AUTO_TEST_SUITE_END()
