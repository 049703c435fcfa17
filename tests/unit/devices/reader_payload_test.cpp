#define BOOST_TEST_MODULE reader_payload
#include <boost/test/unit_test.hpp>

#include "devices/mqtt_reader/reader_payload.hpp"

using gw::dev::mqtt_reader::parse_reader_payload;

BOOST_AUTO_TEST_CASE(plain_hex_is_normalised) {
    auto r = parse_reader_payload("04a1b2c3d4e5f6\n");
    BOOST_REQUIRE(r.tap);
    BOOST_TEST(r.tap->uid == "04A1B2C3D4E5F6");
    BOOST_TEST(!r.tap->direction.has_value());
    BOOST_TEST(parse_reader_payload("04:A1:B2:C3").tap->uid == "04A1B2C3");
    BOOST_TEST(parse_reader_payload("04-a1-b2-c3").tap->uid == "04A1B2C3");
}

BOOST_AUTO_TEST_CASE(json_forms) {
    auto r = parse_reader_payload(R"({"uid":"04a1b2c3","direction":"out","rssi":-40})");
    BOOST_REQUIRE(r.tap);
    BOOST_TEST(r.tap->uid == "04A1B2C3");
    BOOST_TEST((r.tap->direction == gw::core::Direction::Out));
    auto t = parse_reader_payload(R"({"Time":"2026-11-23T07:00:00","PN532":{"UID":"94D8FC5F","DATA":""}})");
    BOOST_REQUIRE(t.tap);
    BOOST_TEST(t.tap->uid == "94D8FC5F");
}

BOOST_AUTO_TEST_CASE(rejections_carry_a_reason_and_no_payload) {
    struct Case {
        std::string payload;
        std::string why;
    };
    const Case cases[] = {
        {"", "empty payload"},
        {"   ", "empty payload"},
        {"04A1B2", "not a hex UID of 4..10 bytes"},                 // 3 bytes
        {"04A1B2C3D4E5F60708090A0B", "not a hex UID of 4..10 bytes"},  // 12 bytes
        {"04A1B2C", "not a hex UID of 4..10 bytes"},                // odd digits
        {"hello!!!", "not a hex UID of 4..10 bytes"},
        {"{\"uid\":", "not a JSON object"},
        {"[1,2]", "not a hex UID of 4..10 bytes"},
        {"{\"card\":\"04A1B2C3\"}", "no \"uid\" string"},
        {"{\"uid\":12345678}", "no \"uid\" string"},
        {"{\"uid\":\"zz\"}", "uid is not 4..10 bytes of hex"},
        {std::string(2000, 'A'), "payload too long"},
    };
    for (const auto& c : cases) {
        auto r = parse_reader_payload(c.payload);
        BOOST_TEST(!r.tap.has_value(), c.payload.substr(0, 20));
        BOOST_TEST(r.error == c.why, c.payload.substr(0, 20));
    }
}

BOOST_AUTO_TEST_CASE(deeply_nested_json_does_not_crash) {
    std::string deep(1000, '[');  // stays under the 1 KiB cap: the parser itself must cope
    auto r = parse_reader_payload("{\"a\":" + deep + "}");
    BOOST_TEST(!r.tap.has_value());
    BOOST_TEST(r.error == "not a JSON object");
}
