// Trust list bodies (eid-sync-v1 §4) and revocation pages / notifications (§5, §6).
#include <boost/test/unit_test.hpp>

#include "adapters/eid/revocations_parser.hpp"
#include "adapters/eid/trust_list_parser.hpp"

using namespace gw::adp::eid;

namespace {
const std::string kKey =
    R"({"kid":"q0nXo8ll4xs","alg":"ES256","spki":"MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE",)"
    R"("not_before":"2026-10-01T00:00:00Z","not_after":"2027-10-01T00:00:00Z"})";
}

BOOST_AUTO_TEST_SUITE(trust_list)

BOOST_AUTO_TEST_CASE(a_valid_list) {
    auto r = parse_trust_list(R"({"version":7,"keys":[)" + kKey + "]}");
    BOOST_REQUIRE(r.ok());
    BOOST_TEST(r->version == 7);
    BOOST_REQUIRE(r->keys.size() == 1u);
    BOOST_TEST(r->keys[0].kid == "q0nXo8ll4xs");
    BOOST_TEST(r->keys[0].alg == "ES256");
    BOOST_TEST((r->keys[0].not_before < r->keys[0].not_after));
}

BOOST_AUTO_TEST_CASE(bad_keys_are_skipped_and_counted) {
    std::string bad_kid = kKey, bad_alg = kKey, bad_order = kKey;
    bad_kid.replace(bad_kid.find("q0nXo8ll4xs"), 11, "q0nX");
    bad_alg.replace(bad_alg.find("ES256"), 5, "RS256");
    bad_order.replace(bad_order.find("2027"), 4, "2025");
    auto r = parse_trust_list(R"({"version":2,"keys":[)" + kKey + "," + bad_kid + "," + bad_alg +
                              "," + bad_order + R"(,"x"]})");
    BOOST_REQUIRE(r.ok());
    BOOST_TEST(r->keys.size() == 1u);
    BOOST_TEST(r->rejected == 4u);
}

BOOST_AUTO_TEST_CASE(a_bad_body_is_an_error) {
    for (const char* body : {"", "[]", "{\"keys\":[]}", "{\"version\":0,\"keys\":[]}",
                             "{\"version\":\"7\",\"keys\":[]}", "{\"version\":1}",
                             "{\"version\":1,\"keys\":{}}"})
        BOOST_TEST(!parse_trust_list(body).ok(), body);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(revocations)

BOOST_AUTO_TEST_CASE(a_page) {
    auto r = parse_revocations(
        R"({"cursor":"c1","full":true,"more":false,"revoked":["deadbeef00000001","NOTHEX","",7],"restored":["ab"]})");
    BOOST_REQUIRE(r.ok());
    BOOST_TEST(r->cursor == "c1");
    BOOST_TEST(r->full);
    BOOST_TEST(!r->more);
    BOOST_TEST(r->revoked == std::vector<std::string>{"deadbeef00000001"});
    BOOST_TEST(r->restored == std::vector<std::string>{"ab"});
    BOOST_TEST(r->rejected == 3u);
}

BOOST_AUTO_TEST_CASE(bad_pages) {
    for (const char* body : {"{}", "{\"cursor\":\"\"}", "{\"cursor\":\"c\",\"more\":1}",
                             "{\"cursor\":\"c\",\"revoked\":\"x\"}", "nope"})
        BOOST_TEST(!parse_revocations(body).ok(), body);
}

BOOST_AUTO_TEST_CASE(notifications) {
    auto n = parse_notification(R"({"cursor":"000000000001f3a3"})");
    BOOST_REQUIRE(n.has_value());
    BOOST_TEST(n->roster_cursor.value() == "000000000001f3a3");
    BOOST_TEST(!n->revocations_cursor.has_value());
    n = parse_notification(R"({"revocations":"r9","cursor":5})");
    BOOST_REQUIRE(n.has_value());
    BOOST_TEST(n->revocations_cursor.value() == "r9");
    BOOST_TEST(!n->roster_cursor.has_value());
    BOOST_TEST(!parse_notification("garbage").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
