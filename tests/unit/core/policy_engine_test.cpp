#define BOOST_TEST_MODULE policy_engine
#include <boost/test/unit_test.hpp>

#include "fakes.hpp"
#include "gateway/core/policy_engine.hpp"

using namespace gw::core;
using namespace gw::test;
using namespace std::chrono_literals;

namespace {

constexpr int kShanghai = 8 * 3600;

/// "2026-11-23 07:41" in site time (+08:00) → SysTime. 2026-11-23 is a Monday.
SysTime at(const std::string& s) {
    const int32_t day = *parse_date(s.substr(0, 10));
    const int minute = *parse_hhmm(s.substr(11, 5));
    const int64_t secs = int64_t{day} * 86400 + minute * 60 - kShanghai;
    return SysTime{std::chrono::seconds(secs)};
}

Person student(const std::string& id, std::vector<std::string> groups) {
    Person p;
    p.id = id;
    p.role = Role::Student;
    p.groups = std::move(groups);
    p.valid_from = *parse_date("2024-09-01");
    p.valid_to = *parse_date("2027-07-31");
    return p;
}

struct Fixture {
    MemRoster roster;
    MemCounters counters;
    MemTimetable timetable;
    PlainHasher hasher;
    Calendar calendar;
    FixedOffsetTimeZone tz{kShanghai};
    PolicyEngine engine{roster, counters, timetable, hasher, calendar};
    Zone zone;
    AccessPoint point;
    bool synced = true;
    std::optional<std::chrono::seconds> roster_age = 60s;

    Fixture() {
        roster.add(student("p-1", {"dorm:3", "class:cs-1"}), "04A1");
        zone.id = "z";
        zone.kind = ZoneKind::Dorm;
        point.id = "pt";
        point.zone_id = "z";
        point.direction = Direction::In;
    }

    Decision authed(const std::string& credential_id, const std::string& uid) {
        Presentation p;
        p.device_id = "dev";
        p.kind = PresentationKind::DesfireAuthed;
        p.secret = uid;
        p.credential_id = credential_id;
        const SysTime now = at("2026-11-23 12:00");
        DecisionContext ctx{point, zone, now, tz.to_local(now), synced, roster_age};
        return engine.decide(p, ctx);
    }

    Decision tap(const std::string& when, const std::string& uid = "04A1",
                 std::optional<Direction> dir = std::nullopt,
                 PresentationKind kind = PresentationKind::CardUid) {
        Presentation p;
        p.device_id = "dev";
        p.kind = kind;
        p.secret = uid;
        p.direction = dir;
        const SysTime now = at(when);
        DecisionContext ctx{point, zone, now, tz.to_local(now), synced, roster_age};
        return engine.decide(p, ctx);
    }
};

std::string reason(const Decision& d) { return std::string(to_string(d.reason)); }

bool has_flag(const Decision& d, const std::string& f) {
    return std::find(d.flags.begin(), d.flags.end(), f) != d.flags.end();
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(identity, Fixture)

BOOST_AUTO_TEST_CASE(known_active_card_is_allowed) {
    auto d = tap("2026-11-23 12:00");
    BOOST_TEST(d.allowed());
    BOOST_TEST(reason(d) == "ok");
    BOOST_TEST(d.person->id == "p-1");
    BOOST_TEST(d.credential_ref == "r:04A1");
    BOOST_TEST(d.credential_kind == "nfc_uid");
}

BOOST_AUTO_TEST_CASE(unknown_card_is_denied_with_a_tag_not_the_uid) {
    auto d = tap("2026-11-23 12:00", "DEADBEEF");
    BOOST_TEST(!d.allowed());
    BOOST_TEST(reason(d) == "unknown_credential");
    BOOST_TEST(!d.person.has_value());
    BOOST_TEST(d.credential_ref == "t:DEADBEEF");
}

BOOST_AUTO_TEST_CASE(credential_status_reasons) {
    roster.add(student("p-2", {"dorm:3"}), "L1", CredentialKind::NfcUid, CredentialStatus::Lost);
    roster.add(student("p-3", {"dorm:3"}), "S1", CredentialKind::NfcUid,
               CredentialStatus::Suspended);
    roster.add(student("p-4", {"dorm:3"}), "R1", CredentialKind::NfcUid,
               CredentialStatus::Revoked);
    BOOST_TEST(reason(tap("2026-11-23 12:00", "L1")) == "lost");
    BOOST_TEST(tap("2026-11-23 12:00", "L1").person->id == "p-2");  // the holder is named
    BOOST_TEST(reason(tap("2026-11-23 12:00", "S1")) == "suspended");
    BOOST_TEST(reason(tap("2026-11-23 12:00", "R1")) == "revoked");
}

BOOST_AUTO_TEST_CASE(person_status_and_validity) {
    auto s = student("p-5", {});
    s.status = PersonStatus::Suspended;
    roster.add(s, "P5");
    auto g = student("p-6", {});
    g.status = PersonStatus::Graduated;
    roster.add(g, "P6");
    BOOST_TEST(reason(tap("2026-11-23 12:00", "P5")) == "suspended");
    BOOST_TEST(reason(tap("2026-11-23 12:00", "P6")) == "person_inactive");
    // validity is inclusive at both ends, in site time
    BOOST_TEST(tap("2027-07-31 23:59").allowed());
    BOOST_TEST(reason(tap("2027-08-01 00:00")) == "person_inactive");
    BOOST_TEST(tap("2024-09-01 00:00").allowed());
    BOOST_TEST(reason(tap("2024-08-31 23:59")) == "person_inactive");
}

BOOST_AUTO_TEST_CASE(malformed_and_card_auth) {
    auto m = tap("2026-11-23 12:00", "", std::nullopt, PresentationKind::Malformed);
    BOOST_TEST(reason(m) == "malformed");
    auto f = tap("2026-11-23 12:00", "04A1", std::nullopt, PresentationKind::CardAuthFailed);
    BOOST_TEST(reason(f) == "card_auth_failed");
    // a DESFire credential presented by UID only (a clone) is refused...
    roster.add(student("p-7", {"dorm:3"}), "DF", CredentialKind::Desfire);
    BOOST_TEST(reason(tap("2026-11-23 12:00", "DF")) == "card_auth_failed");
    // ...and admitted when authenticated: the id read from the card and its UID both match
    auto ok = authed("c-DF", "DF");
    BOOST_TEST(ok.allowed());
    BOOST_TEST(ok.credential_kind == "desfire");
    BOOST_TEST(ok.person->id == "p-7");
}

// Verification (steps 1-9) is the EidQrGate's; without its result a scanned text is
// refused, tagged, never shown.
BOOST_AUTO_TEST_CASE(qr_text_without_a_verification_is_malformed) {
    auto q = tap("2026-11-23 12:00", "CEID1:6BFOXN", std::nullopt, PresentationKind::QrText);
    BOOST_TEST(reason(q) == "malformed");
    BOOST_TEST(q.credential_kind == "eid_qr");
    BOOST_TEST(q.credential_ref == "t:CEID1:6BFOXN");
    BOOST_TEST(!q.person);
}

BOOST_AUTO_TEST_CASE(authenticated_desfire_needs_credential_id_and_uid) {
    roster.add(student("p-7", {"dorm:3"}), "DF", CredentialKind::Desfire);
    roster.add(student("p-8", {"dorm:3"}), "D8", CredentialKind::Desfire);
    // a genuine card of p-8 whose file claims p-7's credential id
    BOOST_TEST(reason(authed("c-DF", "D8")) == "card_auth_failed");
    // an authenticated card pointing at a credential of another kind
    BOOST_TEST(reason(authed("c-04A1", "04A1")) == "card_auth_failed");
    // an id the roster does not know (a card issued after the last roster sync)
    auto unknown = authed("c-none", "DF");
    BOOST_TEST(reason(unknown) == "unknown_credential");
    BOOST_TEST(unknown.credential_ref == "t:DF");  // tagged UID, never the UID
    BOOST_TEST(!unknown.person);
}

BOOST_AUTO_TEST_CASE(clock_unsynced_policy) {
    synced = false;
    BOOST_TEST(tap("2026-11-23 12:00").allowed());  // no time rule: the clock does not matter
    zone.curfew = Curfew{23 * 60, 5 * 60 + 30, CurfewAction::Flag};
    BOOST_TEST(reason(tap("2026-11-23 12:00")) == "clock_unsynced");
    point.clock_unsynced = UnsyncedPolicy::Allow;
    BOOST_TEST(tap("2026-11-23 12:00").allowed());
}

BOOST_AUTO_TEST_CASE(stale_roster_deny_or_allow_known) {
    point.max_roster_age = 24h;
    roster_age = 25h;
    auto d = tap("2026-11-23 12:00");
    BOOST_TEST(reason(d) == "roster_stale");
    BOOST_TEST((d.mode == DecisionMode::Degraded));
    point.when_stale = StalePolicy::AllowKnown;
    auto k = tap("2026-11-23 12:00");
    BOOST_TEST(k.allowed());
    BOOST_TEST((k.mode == DecisionMode::Degraded));
    BOOST_TEST(reason(tap("2026-11-23 12:00", "FFFF")) == "unknown_credential");
    roster_age.reset();  // never synced counts as stale
    BOOST_TEST((tap("2026-11-23 12:00").mode == DecisionMode::Degraded));
    roster_age = 23h;
    BOOST_TEST((tap("2026-11-23 12:00").mode == DecisionMode::Local));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(dorm, Fixture)

BOOST_AUTO_TEST_CASE(membership_by_group_or_role) {
    zone.allow_groups = {"dorm:4"};
    BOOST_TEST(reason(tap("2026-11-23 12:00")) == "not_permitted");
    zone.allow_groups = {"dorm:3"};
    BOOST_TEST(tap("2026-11-23 12:00").allowed());
    zone.allow_groups = {"dorm:4"};
    zone.allow_roles = {"staff"};
    BOOST_TEST(reason(tap("2026-11-23 12:00")) == "not_permitted");
    zone.allow_roles = {"student"};
    BOOST_TEST(tap("2026-11-23 12:00").allowed());
}

BOOST_AUTO_TEST_CASE(curfew_flag_edges_across_midnight) {
    zone.curfew = Curfew{23 * 60, 5 * 60 + 30, CurfewAction::Flag};
    BOOST_TEST(!has_flag(tap("2026-11-23 22:59"), "curfew_late"));
    auto late = tap("2026-11-23 23:00");
    BOOST_TEST(late.allowed());
    BOOST_TEST(has_flag(late, "curfew_late"));
    BOOST_TEST(has_flag(tap("2026-11-24 05:29"), "curfew_late"));
    BOOST_TEST(!has_flag(tap("2026-11-24 05:30"), "curfew_late"));
}

BOOST_AUTO_TEST_CASE(curfew_deny) {
    zone.curfew = Curfew{23 * 60, 5 * 60 + 30, CurfewAction::Deny};
    BOOST_TEST(reason(tap("2026-11-23 23:30")) == "curfew");
    BOOST_TEST(tap("2026-11-23 21:00").allowed());
}

BOOST_AUTO_TEST_CASE(antipassback_soft_flags_hard_denies_daily_reset) {
    zone.antipassback = AntiPassback::Soft;
    BOOST_TEST(tap("2026-11-23 08:00", "04A1", Direction::In).flags.empty());
    BOOST_TEST(has_flag(tap("2026-11-23 08:01", "04A1", Direction::In), "antipassback"));
    zone.antipassback = AntiPassback::Hard;
    BOOST_TEST(reason(tap("2026-11-23 08:02", "04A1", Direction::In)) == "antipassback");
    BOOST_TEST(tap("2026-11-23 09:00", "04A1", Direction::Out).allowed());
    BOOST_TEST(tap("2026-11-23 10:00", "04A1", Direction::In).allowed());
    // a new day resets: in after in is allowed
    BOOST_TEST(tap("2026-11-24 07:00", "04A1", Direction::In).allowed());
    BOOST_TEST(reason(tap("2026-11-24 07:01", "04A1", Direction::In)) == "antipassback");
    // a denied pass does not count as a pass
    BOOST_TEST(tap("2026-11-24 08:00", "04A1", Direction::Out).allowed());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(hours, Fixture)

BOOST_AUTO_TEST_CASE(library_hours_and_closed_days) {
    zone.kind = ZoneKind::Library;
    // mon-fri 07:30-21:30, sat 09:00-17:00
    zone.hours = {{0x1f, 7 * 60 + 30, 21 * 60 + 30}, {0x20, 9 * 60, 17 * 60}};
    BOOST_TEST(reason(tap("2026-11-23 07:29")) == "outside_hours");
    BOOST_TEST(tap("2026-11-23 07:30").allowed());
    BOOST_TEST(tap("2026-11-23 21:29").allowed());
    BOOST_TEST(reason(tap("2026-11-23 21:30")) == "outside_hours");
    BOOST_TEST(tap("2026-11-28 10:00").allowed());                        // Saturday
    BOOST_TEST(reason(tap("2026-11-29 10:00")) == "outside_hours");       // Sunday
    calendar.closed_days = {*parse_date("2026-11-25")};
    BOOST_TEST(reason(tap("2026-11-25 10:00")) == "outside_hours");       // closed day
    BOOST_TEST(tap("2026-11-26 10:00").allowed());
}

BOOST_AUTO_TEST_CASE(hours_across_midnight_belong_to_start_day) {
    zone.kind = ZoneKind::Gate;
    zone.hours = {{0x10, 22 * 60, 2 * 60}};  // fri 22:00-02:00
    BOOST_TEST(reason(tap("2026-11-27 21:59")) == "outside_hours");
    BOOST_TEST(tap("2026-11-27 23:00").allowed());
    BOOST_TEST(tap("2026-11-28 01:59").allowed());                        // Saturday morning
    BOOST_TEST(reason(tap("2026-11-28 02:00")) == "outside_hours");
    BOOST_TEST(reason(tap("2026-11-29 01:00")) == "outside_hours");       // not Sat night
    calendar.closed_days = {*parse_date("2026-11-27")};
    BOOST_TEST(reason(tap("2026-11-28 01:00")) == "outside_hours");       // Friday was closed
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(canteen, Fixture)

BOOST_AUTO_TEST_CASE(meal_windows_edges_and_quota) {
    zone.kind = ZoneKind::Canteen;
    zone.meal_windows = {{"breakfast", 6 * 60 + 30, 8 * 60 + 30, 1},
                         {"lunch", 11 * 60, 13 * 60, 2}};
    BOOST_TEST(reason(tap("2026-11-23 06:29")) == "outside_hours");
    auto b = tap("2026-11-23 06:30");
    BOOST_TEST(b.allowed());
    BOOST_TEST(b.meal->window == "breakfast");
    BOOST_TEST(b.meal->count == 1);
    auto again = tap("2026-11-23 08:29");
    BOOST_TEST(reason(again) == "quota_exceeded");
    BOOST_TEST(again.meal->count == 1);
    BOOST_TEST(reason(tap("2026-11-23 08:30")) == "outside_hours");
    BOOST_TEST(tap("2026-11-23 11:00").meal->count == 1);
    BOOST_TEST(tap("2026-11-23 12:59").meal->count == 2);
    BOOST_TEST(reason(tap("2026-11-23 12:59")) == "quota_exceeded");
    // the quota is per day
    BOOST_TEST(tap("2026-11-24 07:00").allowed());
}

BOOST_AUTO_TEST_CASE(unlimited_quota) {
    zone.kind = ZoneKind::Canteen;
    zone.meal_windows = {{"dinner", 17 * 60, 19 * 60, 0}};
    for (int i = 0; i < 5; ++i) BOOST_TEST(tap("2026-11-23 17:30").allowed());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(attendance, Fixture)

BOOST_AUTO_TEST_CASE(present_late_and_no_session) {
    zone.kind = ZoneKind::Attendance;
    Session s;
    s.id = "s-1";
    s.group = "class:cs-1";
    s.points = {"pt"};
    s.start = at("2026-11-23 10:00");
    s.end = at("2026-11-23 11:35");
    timetable.sessions = {s};
    BOOST_TEST(reason(tap("2026-11-23 09:44")) == "no_session");
    auto early = tap("2026-11-23 09:45");
    BOOST_TEST(early.allowed());
    BOOST_TEST(early.attendance->status == "present");
    BOOST_TEST(early.attendance->session == "s-1");
    BOOST_TEST(has_flag(early, "attendance_present"));
    BOOST_TEST(has_flag(tap("2026-11-23 10:05"), "repeat"));
    BOOST_TEST(tap("2026-11-23 10:05").attendance->status == "present");
    auto late = tap("2026-11-23 10:06");
    BOOST_TEST(late.attendance->status == "late");
    BOOST_TEST(has_flag(late, "attendance_late"));
    BOOST_TEST(tap("2026-11-23 11:34").allowed());
    BOOST_TEST(reason(tap("2026-11-23 11:35")) == "no_session");
}

BOOST_AUTO_TEST_CASE(session_of_another_group_is_no_session) {
    zone.kind = ZoneKind::Attendance;
    Session s;
    s.id = "s-2";
    s.group = "class:other";
    s.points = {"pt"};
    s.start = at("2026-11-23 10:00");
    s.end = at("2026-11-23 11:35");
    timetable.sessions = {s};
    BOOST_TEST(reason(tap("2026-11-23 10:00")) == "no_session");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(venue, Fixture)

BOOST_AUTO_TEST_CASE(venue_records_category_and_code) {
    zone.kind = ZoneKind::Venue;
    zone.category = "美";
    point.venue_code = "310104-0031";
    auto d = tap("2026-11-23 10:00");
    BOOST_TEST(d.allowed());
    BOOST_TEST(d.venue->category == "美");
    BOOST_TEST(d.venue->code == "310104-0031");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(face, Fixture)

Decision face(Fixture& f, const std::string& person, std::optional<double> score,
              std::optional<double> min) {
    Presentation p;
    p.device_id = "face-1";
    p.kind = PresentationKind::Face;
    p.secret = person;
    p.face_score = score;
    p.min_face_score = min;
    const SysTime now = at("2026-11-23 12:00");
    DecisionContext ctx{f.point, f.zone, now, f.tz.to_local(now), f.synced, f.roster_age};
    return f.engine.decide(p, ctx);
}

BOOST_AUTO_TEST_CASE(enrolled_face_is_allowed_and_reported_as_face) {
    roster.add(student("p-2", {"dorm:3"}), "F2", CredentialKind::Face);
    const auto d = face(*this, "p-2", 0.93, 0.85);
    BOOST_TEST(reason(d) == "ok");
    BOOST_TEST(d.credential_kind == "face");
    BOOST_TEST(d.credential_ref == "r:F2");
    BOOST_TEST(d.person->id == "p-2");
}

BOOST_AUTO_TEST_CASE(low_score_is_denied_and_still_names_the_person) {
    roster.add(student("p-2", {"dorm:3"}), "F2", CredentialKind::Face);
    const auto d = face(*this, "p-2", 0.80, 0.85);
    BOOST_TEST(reason(d) == "face_score_low");
    BOOST_REQUIRE(d.person);
    BOOST_TEST(d.person->id == "p-2");
    BOOST_TEST(reason(face(*this, "p-2", std::nullopt, 0.85)) == "ok");  // no score reported
    BOOST_TEST(reason(face(*this, "p-2", 0.80, std::nullopt)) == "ok");  // no threshold set
}

BOOST_AUTO_TEST_CASE(unknown_person_and_card_only_person_are_unknown) {
    auto d = face(*this, "p-nobody", 0.99, 0.85);
    BOOST_TEST(reason(d) == "unknown_credential");
    BOOST_TEST(d.credential_ref == "t:p-nobody");  // a tag, never the raw employee number
    BOOST_TEST(!d.person);
    BOOST_TEST(reason(face(*this, "p-1", 0.99, 0.85)) == "unknown_credential");  // card only
    BOOST_TEST(reason(face(*this, "", 0.99, 0.85)) == "unknown_credential");
}

BOOST_AUTO_TEST_CASE(lost_face_enrolment_and_device_flags) {
    roster.add(student("p-3", {"dorm:3"}), "F3", CredentialKind::Face, CredentialStatus::Lost);
    BOOST_TEST(reason(face(*this, "p-3", 0.99, 0.85)) == "lost");
    roster.add(student("p-2", {"dorm:3"}), "F2", CredentialKind::Face);
    Presentation p;
    p.device_id = "zk-1";
    p.kind = PresentationKind::Face;
    p.secret = "p-2";
    p.flags = {"verify_fingerprint"};
    const SysTime now = at("2026-11-23 12:00");
    DecisionContext ctx{point, zone, now, tz.to_local(now), synced, roster_age};
    const auto d = engine.decide(p, ctx);
    BOOST_TEST(reason(d) == "ok");
    BOOST_TEST(d.flags == std::vector<std::string>{"verify_fingerprint"});
}

BOOST_AUTO_TEST_SUITE_END()
