#define BOOST_TEST_MODULE core_types
#include <boost/test/unit_test.hpp>

#include <set>

#include "gateway/core/access_event.hpp"
#include "gateway/core/civil_time.hpp"
#include "gateway/core/event_seq.hpp"
#include "gateway/core/fixed_offset_time_zone.hpp"
#include "gateway/core/json_writer.hpp"
#include "gateway/core/uuid7.hpp"

using namespace gw::core;

BOOST_AUTO_TEST_CASE(dates_round_trip_and_weekdays) {
    BOOST_TEST(*parse_date("1970-01-01") == 0);
    BOOST_TEST(format_date(*parse_date("2024-02-29")) == "2024-02-29");
    BOOST_TEST(!parse_date("2023-02-29").has_value());
    BOOST_TEST(!parse_date("2026-13-01").has_value());
    BOOST_TEST(!parse_date("2026-1-01").has_value());
    BOOST_TEST(weekday_from_days(*parse_date("2026-11-23")) == 0);  // Monday
    BOOST_TEST(weekday_from_days(*parse_date("2026-11-22")) == 6);  // Sunday
    BOOST_TEST(*parse_hhmm("23:59") == 23 * 60 + 59);
    BOOST_TEST(*parse_hhmm("24:00") == 1440);
    BOOST_TEST(!parse_hhmm("24:01").has_value());
    BOOST_TEST(!parse_hhmm("7:30").has_value());
}

BOOST_AUTO_TEST_CASE(rfc3339_in_site_time) {
    FixedOffsetTimeZone tz(8 * 3600);
    // 2026-11-22T23:41:05.212Z is 07:41:05.212 the next morning in Shanghai
    const int64_t ms = int64_t{*parse_date("2026-11-22")} * 86400000 +
                       (23 * 3600 + 41 * 60 + 5) * 1000LL + 212;
    auto t = tz.to_local(SysTime{std::chrono::milliseconds(ms)});
    BOOST_TEST(format_rfc3339(t) == "2026-11-23T07:41:05.212+08:00");
    BOOST_TEST(t.weekday == 0);
    auto neg = local_time_from(0, -(3 * 3600 + 30 * 60));
    BOOST_TEST(format_rfc3339(neg) == "1969-12-31T20:30:00.000-03:30");
}

BOOST_AUTO_TEST_CASE(uuid7_format_version_and_order) {
    Uuid7Generator g;
    const SysTime t{std::chrono::milliseconds(1'790'000'000'000)};
    std::string prev;
    std::set<std::string> seen;
    for (int i = 0; i < 5000; ++i) {
        auto u = g.next(t);  // all in one millisecond: must still increase
        BOOST_REQUIRE_EQUAL(u.size(), 36u);
        BOOST_REQUIRE(u[14] == '7');
        BOOST_REQUIRE(std::string("89ab").find(u[19]) != std::string::npos);
        BOOST_REQUIRE(u > prev);
        prev = u;
        seen.insert(u);
    }
    BOOST_TEST(seen.size() == 5000u);
    BOOST_TEST(prev.substr(0, 8) == "01a0c450");  // 1790000000000 ms = 0x01a0c4506c00
}

BOOST_AUTO_TEST_CASE(json_escaping) {
    JsonWriter w;
    w.begin_object().field("a", "q\"b\\\n\x01").field("n", int64_t{-3}).key("l").begin_array();
    w.value("x").value(true).end_array().end_object();
    BOOST_TEST(w.str() == R"({"a":"q\"b\\\n\u0001","n":-3,"l":["x",true]})");
}

BOOST_AUTO_TEST_CASE(access_event_payload_has_mqtt_v1_fields) {
    AccessEvent e;
    e.event_id = "0193f1c2-7a4e-7c3a-9f1e-2b8d1c0a5e77";
    e.seq = 104233;
    e.time = "2026-11-23T07:41:05.212+08:00";
    e.site = "sh-zj-001";
    e.gateway = "gw-dorm3";
    e.point = "dorm3-gate-a";
    e.zone = "dorm3";
    e.zone_kind = ZoneKind::Canteen;
    e.device = "esp-1";
    e.decision.verdict = Verdict::Allow;
    e.decision.reason = Reason::Ok;
    e.decision.credential_kind = "nfc_uid";
    e.decision.credential_ref = "k7Qd2xV0";
    Person p;
    p.id = "p-20240117";
    p.display = "张*明";
    e.decision.person = p;
    e.decision.flags = {"curfew_late"};
    e.decision.meal = MealInfo{"lunch", 1};
    e.latency_us = 412;
    const std::string j = e.to_json();
    BOOST_TEST(j ==
               R"({"schema":"campus.access/1","event_id":"0193f1c2-7a4e-7c3a-9f1e-2b8d1c0a5e77",)"
               R"("seq":104233,"time":"2026-11-23T07:41:05.212+08:00","clock":"synced",)"
               R"("site":"sh-zj-001","gateway":"gw-dorm3","point":"dorm3-gate-a","zone":"dorm3",)"
               R"("zone_kind":"canteen","direction":"in","device":"esp-1",)"
               R"("credential":{"kind":"nfc_uid","ref":"k7Qd2xV0"},)"
               R"("person":{"id":"p-20240117","role":"student"},"decision":"allow","reason":"ok",)"
               R"("mode":"local","flags":["curfew_late"],"meal":{"window":"lunch","count":1},)"
               R"("latency_us":412})");
    BOOST_TEST(j.find("张") == std::string::npos);  // display name never published
    BOOST_TEST(e.topic_suffix() == "access/canteen/dorm3-gate-a");
}

BOOST_AUTO_TEST_CASE(unknown_person_is_absent_from_event) {
    AccessEvent e;
    e.decision.reason = Reason::UnknownCredential;
    const std::string j = e.to_json();
    BOOST_TEST(j.find("\"person\"") == std::string::npos);
    BOOST_TEST(j.find("\"reason\":\"unknown_credential\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(with_seq_renumbers_a_rendered_event_and_nothing_else) {
    AccessEvent e;
    e.seq = 12;
    e.event_id = "0190b8a0-0000-7000-8000-000000000012";
    const std::string j = e.to_json();
    const std::string moved = with_seq(j, 12, 1301);
    BOOST_TEST(moved.find("\"seq\":1301,") != std::string::npos);
    BOOST_TEST(moved.find("\"seq\":12,") == std::string::npos);
    BOOST_TEST(moved.size() == j.size() + 2);
    // Only the exact number: "seq":1 is not a prefix match of "seq":12.
    BOOST_TEST(with_seq(j, 1, 99) == j);
    BOOST_TEST(with_seq(R"({"seq":7})", 7, 8) == R"({"seq":8})");
    BOOST_TEST(with_seq("", 7, 8).empty());
}
