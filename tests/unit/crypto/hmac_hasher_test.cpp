// Known-answer tests for HmacHasher. Expected values were computed independently with the
// OpenSSL command line, e.g.
//   printf 'uid:04A1B2C3D4E5F6' | openssl dgst -sha256 -mac HMAC -macopt hexkey:<key>
//   printf 'tag:...' | openssl dgst ... -binary | head -c 6 | base64 | tr '+/' '-_'
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <array>
#include <set>
#include <thread>
#include <vector>

#include "adapters/crypto/base64url.hpp"
#include "adapters/crypto/hex.hpp"
#include "adapters/crypto/hmac_hasher.hpp"

using gw::adp::crypto::HmacHasher;

namespace {

using Key = std::array<uint8_t, 32>;

/// RFC 4231 test case 2 uses the 4-byte key "Jefe". HMAC pads keys shorter than the
/// block size with zeros, so "Jefe" followed by 28 zero bytes is the same key.
Key jefe_key() {
    Key k{};
    k[0] = 'J';
    k[1] = 'e';
    k[2] = 'f';
    k[3] = 'e';
    return k;
}

Key counting_key() {  // 00 01 02 ... 1f
    Key k{};
    for (size_t i = 0; i < k.size(); ++i) k[i] = static_cast<uint8_t>(i);
    return k;
}

bool url_safe(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_';
    });
}

}  // namespace

BOOST_AUTO_TEST_CASE(raw_hmac_matches_rfc4231_test_case_2) {
    HmacHasher h(jefe_key());
    std::array<uint8_t, 32> out{};
    // The prefix and the text are simply concatenated: split the RFC's data anywhere.
    BOOST_TEST(h.mac("what do ya ", "want for nothing?", out));
    BOOST_TEST(gw::adp::crypto::hex_encode(out) ==
               "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

BOOST_AUTO_TEST_CASE(uid_key_and_tag_known_answers) {
    HmacHasher jefe(jefe_key());
    BOOST_TEST(jefe.uid_key("04A1B2C3D4E5F6") ==
               "b113689712e40f8bba588512c102c13200f9536fca444f615e9fb26d7f62f9f8");
    BOOST_TEST(jefe.tag("04A1B2C3D4E5F6") == "M5Ra2CsX");

    HmacHasher counting(counting_key());
    BOOST_TEST(counting.uid_key("04A1B2C3D4E5F6") ==
               "351db75d1aa67d43b7f687dab4d9276c4eea88078ee6b2ef174c86cb1ece1915");
    BOOST_TEST(counting.tag("eid_qr:a1b2c3d4e5f60718") == "t_wG8LDF");
}

BOOST_AUTO_TEST_CASE(tags_are_8_url_safe_chars_and_differ_from_the_key) {
    HmacHasher h(counting_key());
    std::set<std::string> seen;
    for (int i = 0; i < 2000; ++i) {
        const std::string uid = "04" + std::to_string(1000000 + i);
        const std::string t = h.tag(uid);
        BOOST_TEST_REQUIRE(t.size() == 8u);
        BOOST_TEST_REQUIRE(url_safe(t));
        seen.insert(t);
        // Domain separation: the tag is not a prefix encoding of the lookup key.
        BOOST_TEST_REQUIRE(h.uid_key(uid).size() == 64u);
    }
    BOOST_TEST(seen.size() == 2000u);  // 48-bit tags: collisions here would be a bug
}

BOOST_AUTO_TEST_CASE(different_keys_give_different_results) {
    HmacHasher a(jefe_key()), b(counting_key());
    BOOST_TEST(a.uid_key("04A1B2C3D4E5F6") != b.uid_key("04A1B2C3D4E5F6"));
    BOOST_TEST(a.tag("04A1B2C3D4E5F6") != b.tag("04A1B2C3D4E5F6"));
}

BOOST_AUTO_TEST_CASE(concurrent_use_gives_the_same_answers) {
    HmacHasher h(jefe_key());
    const std::string expected = h.uid_key("04A1B2C3D4E5F6");
    std::vector<std::thread> threads;
    std::array<int, 4> mismatches{};
    for (size_t t = 0; t < mismatches.size(); ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 5000; ++i) {
                if (h.uid_key("04A1B2C3D4E5F6") != expected) ++mismatches[t];
                if (h.tag("04A1B2C3D4E5F6") != "M5Ra2CsX") ++mismatches[t];
            }
        });
    }
    for (auto& th : threads) th.join();
    for (int m : mismatches) BOOST_TEST(m == 0);
}

BOOST_AUTO_TEST_CASE(base64url_and_hex_helpers) {
    using gw::adp::crypto::base64url_encode;
    const std::vector<uint8_t> v{0xfb, 0xff, 0xbf, 0x01};
    BOOST_TEST(base64url_encode(std::span<const uint8_t>(v.data(), 0)) == "");
    BOOST_TEST(base64url_encode(std::span<const uint8_t>(v.data(), 1)) == "-w");
    BOOST_TEST(base64url_encode(std::span<const uint8_t>(v.data(), 2)) == "-_8");
    BOOST_TEST(base64url_encode(std::span<const uint8_t>(v.data(), 3)) == "-_-_");
    BOOST_TEST(base64url_encode(v) == "-_-_AQ");
    BOOST_TEST(gw::adp::crypto::hex_encode(v) == "fbffbf01");
}
