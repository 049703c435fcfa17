#include <boost/test/unit_test.hpp>

#include <map>

#include "adapters/eid/rfc3339.hpp"
#include "adapters/eid/timetable_parser.hpp"
#include "gateway/core/civil_time.hpp"

using namespace gw;
using adp::eid::parse_rfc3339;
using adp::eid::parse_timetable;

namespace {

int64_t unix_ms(core::SysTime t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

/// Unix seconds of a UTC civil time.
int64_t utc(const char* date, int h, int m, int s) {
    return int64_t{*core::parse_date(date)} * 86400 + h * 3600 + m * 60 + s;
}

const std::string kSession =
    R"({"id": "s-1", "title": "t", "group": "class:2024-cs-1", "points": ["r1"],
        "start": "2026-11-23T10:00:00+08:00", "end": "2026-11-23T11:35:00+08:00"})";

}  // namespace

BOOST_AUTO_TEST_CASE(rfc3339_offsets_and_fractions) {
    const int64_t two_utc = utc("2026-11-23", 2, 0, 0) * 1000;
    BOOST_TEST(unix_ms(*parse_rfc3339("2026-11-23T10:00:00+08:00")) == two_utc);
    BOOST_TEST(unix_ms(*parse_rfc3339("2026-11-23T02:00:00Z")) == two_utc);
    BOOST_TEST(unix_ms(*parse_rfc3339("2026-11-23t02:00:00z")) == two_utc);
    BOOST_TEST(unix_ms(*parse_rfc3339("2026-11-22T21:30:00-04:30")) == two_utc);
    BOOST_TEST(unix_ms(*parse_rfc3339("2026-11-23T02:00:00.250Z")) == two_utc + 250);
    BOOST_TEST(unix_ms(*parse_rfc3339("2026-11-23T02:00:00.2509999999Z")) == two_utc + 250);
    // Crossing a day and a year boundary through the offset.
    BOOST_TEST(unix_ms(*parse_rfc3339("2027-01-01T07:59:59+08:00")) ==
               utc("2026-12-31", 23, 59, 59) * 1000);
    BOOST_TEST(unix_ms(*parse_rfc3339("1970-01-01T00:00:00Z")) == 0);
    for (const char* bad :
         {"", "2026-11-23", "2026-11-23T10:00:00", "2026-11-23T10:00+08:00",
          "2026-11-23 10:00:00+08:00", "2026-11-23T24:00:00Z", "2026-11-23T10:60:00Z",
          "2026-11-23T10:00:60Z", "2026-02-30T10:00:00Z", "2026-11-23T10:00:00+0800",
          "2026-11-23T10:00:00+24:00", "2026-11-23T10:00:00.Z", "2026-11-23T10:00:00Zjunk",
          "2026-11-23T10:00:00+08:00 ", "9999-12-31T23:59:59Z", "2026-11-23T1a:00:00Z"})
        BOOST_TEST(!parse_rfc3339(bad).has_value(), bad);
}

BOOST_AUTO_TEST_CASE(spec_example_timetable) {
    size_t rejected = 99;
    auto r = parse_timetable(R"({"sessions": [
      {"id": "s-2026-11-23-cs1-3", "title": "电工基础", "group": "class:2024-cs-1",
       "points": ["bldg2-r301-reader"], "start": "2026-11-23T10:00:00+08:00",
       "end": "2026-11-23T11:35:00+08:00"}
    ]})",
                             &rejected);
    BOOST_TEST_REQUIRE(r.ok());
    BOOST_TEST(rejected == 0u);
    BOOST_TEST_REQUIRE(r->size() == 1u);
    const core::Session& s = r.value()[0];
    BOOST_TEST(s.id == "s-2026-11-23-cs1-3");
    BOOST_TEST(s.title == "电工基础");
    BOOST_TEST(s.group == "class:2024-cs-1");
    BOOST_TEST(s.points == std::vector<std::string>{"bldg2-r301-reader"});
    BOOST_TEST(unix_ms(s.start) == utc("2026-11-23", 2, 0, 0) * 1000);
    BOOST_TEST(unix_ms(s.end) == utc("2026-11-23", 3, 35, 0) * 1000);
}

BOOST_AUTO_TEST_CASE(malformed_sessions_are_skipped_and_counted) {
    using Fields = std::map<std::string, std::string>;  // name -> JSON value
    const Fields good = {{"id", R"("s-2")"},
                         {"group", R"("g")"},
                         {"points", R"(["r1"])"},
                         {"start", R"("2026-11-23T10:00:00Z")"},
                         {"end", R"("2026-11-23T11:00:00Z")"}};
    auto object = [](const Fields& f) {
        std::string out = "{";
        for (const auto& [k, v] : f) out += (out.size() > 1 ? ", \"" : "\"") + k + "\": " + v;
        return out + "}";
    };
    // Each case changes (or, with an empty value, removes) fields of the good session.
    const std::vector<Fields> bad = {
        {{"id", ""}},
        {{"id", "\"" + std::string(65, 's') + "\""}},
        {{"title", "5"}},
        {{"group", ""}},
        {{"group", R"("")"}},
        {{"points", "[]"}},
        {{"points", R"("r1")"}},
        {{"points", R"([""])"}},
        {{"start", R"("2026-11-23T10:00:00")"}},  // no offset
        {{"end", ""}},
        {{"end", R"("2026-11-23T10:00:00Z")"}},  // empty session
        {{"start", R"("2026-11-23T11:00:00+08:00")"}, {"end", R"("2026-11-23T10:00:00+07:00")"}},
    };
    for (const auto& change : bad) {
        Fields f = good;
        for (const auto& [k, v] : change) {
            if (v.empty()) f.erase(k);
            else f[k] = v;
        }
        const std::string b = object(f);
        size_t rejected = 0;
        auto r = parse_timetable(R"({"sessions": [)" + kSession + "," + b + "]}", &rejected);
        BOOST_TEST_REQUIRE(r.ok(), b);
        BOOST_TEST(rejected == 1u, b);
        BOOST_TEST_REQUIRE(r->size() == 1u, b);
        BOOST_TEST(r.value()[0].id == "s-1");
    }
    size_t none = 9;
    BOOST_TEST(parse_timetable(R"({"sessions": [)" + object(good) + "]}", &none)->size() == 1u);
    BOOST_TEST(none == 0u);  // the template is valid: each case above fails by its change
    BOOST_TEST(parse_timetable(R"({"sessions": [7]})", &none)->empty());
    BOOST_TEST(none == 1u);
    // start and end are compared as instants: 03:00Z is 11:00+08:00, after 10:30+08:00.
    size_t rejected = 9;
    auto ok = parse_timetable(
        R"({"sessions": [{"id": "s-3", "group": "g", "points": ["r1"],
            "start": "2026-11-23T10:30:00+08:00", "end": "2026-11-23T03:00:00Z"}]})",
        &rejected);
    BOOST_TEST_REQUIRE(ok.ok());
    BOOST_TEST(rejected == 0u);
    BOOST_TEST(ok->size() == 1u);
    BOOST_TEST(ok.value()[0].title.empty());
}

BOOST_AUTO_TEST_CASE(malformed_timetables_are_errors) {
    for (const char* bad : {"", "[]", "{}", R"({"sessions": {}})", R"({"sessions": null})",
                            R"({"sessions": [)", "null"}) {
        auto r = parse_timetable(bad);
        BOOST_TEST(!r.ok(), bad);
        if (!r.ok()) BOOST_TEST((r.error().code == std::errc::bad_message));
    }
}
