#include <boost/test/unit_test.hpp>

#include "store_fixture.hpp"

using namespace gw;
using namespace gw::test;
using namespace std::chrono_literals;

namespace {

core::SysTime t(const char* rfc3339_utc_hhmm) {  // "HH:MM" on 2026-11-23 UTC
    const int h = std::stoi(std::string(rfc3339_utc_hhmm, 2));
    const int m = std::stoi(std::string(rfc3339_utc_hhmm + 3, 2));
    const int64_t day = *core::parse_date("2026-11-23");
    return at_ms((day * 86400 + h * 3600 + m * 60) * 1000);
}

core::Session session(const std::string& id, std::vector<std::string> points, const char* start,
                      const char* end) {
    return core::Session{id, "电工基础", "class:2024-cs-1", std::move(points), t(start), t(end)};
}

std::vector<std::string> ids(const std::vector<core::Session>& ss) {
    std::vector<std::string> out;
    for (const auto& s : ss) out.push_back(s.id);
    return out;
}

using Ids = std::vector<std::string>;

}  // namespace

BOOST_FIXTURE_TEST_SUITE(counters_and_timetable, StoreFixture)

BOOST_AUTO_TEST_CASE(meal_counts_per_person_zone_window_day) {
    auto s = open();
    BOOST_TEST_REQUIRE(s->begin().ok());
    BOOST_TEST(s->meal_count("p-1", "canteen-1", "lunch", 20000) == 0);
    s->add_meal("p-1", "canteen-1", "lunch", 20000);
    s->add_meal("p-1", "canteen-1", "lunch", 20000);
    s->add_meal("p-1", "canteen-1", "dinner", 20000);
    BOOST_TEST(s->meal_count("p-1", "canteen-1", "lunch", 20000) == 2);
    BOOST_TEST(s->meal_count("p-1", "canteen-1", "dinner", 20000) == 1);
    BOOST_TEST(s->meal_count("p-1", "canteen-2", "lunch", 20000) == 0);
    BOOST_TEST(s->meal_count("p-2", "canteen-1", "lunch", 20000) == 0);
    BOOST_TEST(s->meal_count("p-1", "canteen-1", "lunch", 20001) == 0);
    BOOST_TEST_REQUIRE(s->commit().ok());

    // A rolled-back batch counts nothing.
    BOOST_TEST_REQUIRE(s->begin().ok());
    s->add_meal("p-1", "canteen-1", "lunch", 20000);
    BOOST_TEST(s->meal_count("p-1", "canteen-1", "lunch", 20000) == 3);
    s->rollback();
    BOOST_TEST(s->meal_count("p-1", "canteen-1", "lunch", 20000) == 2);

    s.reset();
    s = open();
    BOOST_TEST(s->meal_count("p-1", "canteen-1", "lunch", 20000) == 2);
}

BOOST_AUTO_TEST_CASE(old_meal_days_are_pruned) {
    auto s = open();
    BOOST_TEST_REQUIRE(s->begin().ok());
    s->add_meal("p-1", "c", "lunch", 20000);
    s->add_meal("p-1", "c", "lunch", 20000 + SqliteStore::kMealRetentionDays);
    BOOST_TEST(s->meal_count("p-1", "c", "lunch", 20000) == 1);  // still within retention
    s->add_meal("p-1", "c", "lunch", 20001 + SqliteStore::kMealRetentionDays);
    BOOST_TEST(s->meal_count("p-1", "c", "lunch", 20000) == 0);
    BOOST_TEST(s->meal_count("p-1", "c", "lunch", 20000 + SqliteStore::kMealRetentionDays) == 1);
    BOOST_TEST_REQUIRE(s->commit().ok());
}

BOOST_AUTO_TEST_CASE(passback_state_per_person_and_zone) {
    auto s = open();
    BOOST_TEST_REQUIRE(s->begin().ok());
    BOOST_TEST(!s->last_pass("p-1", "dorm-3").has_value());
    s->record_pass("p-1", "dorm-3", core::PassbackState{core::Direction::In, 20000});
    s->record_pass("p-1", "dorm-3", core::PassbackState{core::Direction::Out, 20001});
    s->record_pass("p-1", "dorm-4", core::PassbackState{core::Direction::In, 20001});
    BOOST_TEST_REQUIRE(s->commit().ok());
    s.reset();
    s = open();
    auto p = s->last_pass("p-1", "dorm-3");
    BOOST_TEST_REQUIRE(p.has_value());
    BOOST_TEST((p->last == core::Direction::Out));
    BOOST_TEST(p->day == 20001);
    BOOST_TEST((s->last_pass("p-1", "dorm-4")->last == core::Direction::In));
    BOOST_TEST(!s->last_pass("p-2", "dorm-3").has_value());
}

BOOST_AUTO_TEST_CASE(sessions_at_a_point_and_time) {
    auto s = open();
    BOOST_TEST_REQUIRE(s->replace_timetable({
                                                session("s-1", {"r301", "r302"}, "10:00", "11:35"),
                                                session("s-2", {"r301"}, "13:00", "14:00"),
                                                session("s-3", {"r999"}, "10:00", "11:35"),
                                            })
                           .ok());
    BOOST_TEST(s->sessions_at("r301", t("09:40"), 15min).empty());
    auto at = s->sessions_at("r301", t("09:45"), 15min);  // opens 15 min before start
    BOOST_TEST_REQUIRE(at.size() == 1u);
    BOOST_TEST(at[0].id == "s-1");
    BOOST_TEST(at[0].title == "电工基础");
    BOOST_TEST(at[0].group == "class:2024-cs-1");
    BOOST_TEST(at[0].points == (Ids{"r301", "r302"}), boost::test_tools::per_element());
    BOOST_TEST((at[0].start == t("10:00")));
    BOOST_TEST((at[0].end == t("11:35")));
    BOOST_TEST(ids(s->sessions_at("r302", t("11:34"), 15min)) == Ids{"s-1"});
    BOOST_TEST(s->sessions_at("r301", t("11:35"), 15min).empty());  // end is exclusive
    BOOST_TEST(ids(s->sessions_at("r301", t("12:50"), 15min)) == Ids{"s-2"});
    BOOST_TEST(ids(s->sessions_at("r301", t("12:50"), 0min)).empty());
    // Overlapping sessions come ordered by start.
    BOOST_TEST_REQUIRE(s->replace_timetable({session("s-b", {"r1"}, "10:30", "12:00"),
                                             session("s-a", {"r1"}, "10:00", "11:00")})
                           .ok());
    BOOST_TEST(ids(s->sessions_at("r1", t("10:45"), 15min)) == (Ids{"s-a", "s-b"}),
               boost::test_tools::per_element());
    // The replacement removed the earlier timetable entirely.
    BOOST_TEST(s->sessions_at("r301", t("10:00"), 15min).empty());
    BOOST_TEST_REQUIRE(s->replace_timetable({}).ok());
    BOOST_TEST(s->sessions_at("r1", t("10:45"), 15min).empty());
}

BOOST_AUTO_TEST_SUITE_END()
