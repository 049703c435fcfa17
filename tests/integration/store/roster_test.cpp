#include <boost/test/unit_test.hpp>

#include "adapters/store/store_error.hpp"
#include "store_fixture.hpp"

using namespace gw;
using namespace gw::test;
using core::CredentialKind;
using core::CredentialStatus;
using adp::store::StoreErrc;

namespace {

constexpr int64_t kT0 = 1'763'600'000'000;  // 2025-11-20, ms

bool has_person(SqliteStore& s, const std::string& id) { return s.find_person(id).has_value(); }

/// A hasher whose uid_key fails (what HmacHasher returns when OpenSSL fails).
class BrokenHasher final : public core::IdentityHasher {
public:
    std::string uid_key(std::string_view) const override { return {}; }
    std::string tag(std::string_view) const override { return "AAAAAAAA"; }
};

/// Applies a page and requires success.
adp::store::RosterApplyStats apply(SqliteStore& s, const core::RosterPage& p,
                                   const core::IdentityHasher& h, int64_t ms = kT0) {
    auto r = s.apply_roster_page(p, h, at_ms(ms));
    BOOST_TEST_REQUIRE(r.ok(), (r.ok() ? "" : r.error().message()));
    return r.value();
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(roster, StoreFixture)

BOOST_AUTO_TEST_CASE(snapshot_then_delta_then_snapshot) {
    auto s = open();
    BOOST_TEST(s->roster_cursor() == "");
    BOOST_TEST(!s->roster_updated_at().has_value());

    auto p1 = page("cur-1", true, false);
    p1.persons = {person("p-1", {"dorm:3", "class:2024-cs-1", "meal:subsidy"}), person("p-2")};
    p1.credentials = {credential("c-1", "p-1", CredentialKind::NfcUid, "04A1B2C3D4E5F6"),
                      credential("c-2", "p-2", CredentialKind::Desfire, "04A1B2C3D4E5F7"),
                      credential("a1b2c3d4e5f60718", "p-1", CredentialKind::EidQr),
                      credential("f-3311", "p-1", CredentialKind::Face)};
    const auto st1 = apply(*s, p1, hasher, kT0);
    BOOST_TEST(st1.snapshot_applied);
    BOOST_TEST(!st1.staged);
    BOOST_TEST(st1.persons == 2u);
    BOOST_TEST(st1.credentials == 4u);
    BOOST_TEST(s->roster_cursor() == "cur-1");
    BOOST_TEST((s->roster_updated_at() == at_ms(kT0)));

    // Card lookups go through the keyed hash; ref is the tag of the UID.
    auto c1 = s->find_by_uid_key(hasher.uid_key("04A1B2C3D4E5F6"));
    BOOST_TEST_REQUIRE(c1.has_value());
    BOOST_TEST(c1->id == "c-1");
    BOOST_TEST(c1->person_id == "p-1");
    BOOST_TEST((c1->kind == CredentialKind::NfcUid));
    BOOST_TEST((c1->status == CredentialStatus::Active));
    BOOST_TEST(c1->uid_key == hasher.uid_key("04A1B2C3D4E5F6"));
    BOOST_TEST(c1->ref == hasher.tag("04A1B2C3D4E5F6"));
    BOOST_TEST(!s->find_by_uid_key(hasher.uid_key("04A1B2C3D4E5F8")).has_value());
    BOOST_TEST(!s->find_by_uid_key("").has_value());

    // Non-card credentials: no uid_key; ref = tag(kind + ":" + id).
    auto qr = s->find_credential("a1b2c3d4e5f60718");
    BOOST_TEST_REQUIRE(qr.has_value());
    BOOST_TEST(qr->uid_key.empty());
    BOOST_TEST(qr->ref == hasher.tag("eid_qr:a1b2c3d4e5f60718"));
    auto face = s->find_by_ref(hasher.tag("face:f-3311"));
    BOOST_TEST_REQUIRE(face.has_value());
    BOOST_TEST(face->id == "f-3311");
    BOOST_TEST(face->photo_url == "/v1/photos/f-3311.jpg");

    auto pp = s->find_person("p-1");
    BOOST_TEST_REQUIRE(pp.has_value());
    const std::vector<std::string> groups{"dorm:3", "class:2024-cs-1", "meal:subsidy"};
    BOOST_TEST(pp->groups == groups, boost::test_tools::per_element());
    BOOST_TEST(pp->valid_from == *core::parse_date("2024-09-01"));
    BOOST_TEST(pp->valid_to == *core::parse_date("2027-07-31"));
    BOOST_TEST(pp->display == "张*明");
    BOOST_TEST(s->find_person("p-2")->groups.empty());

    // Delta: update, insert, delete.
    auto p2 = page("cur-2", false, false);
    p2.persons = {person("p-1", {"dorm:4"}, core::PersonStatus::Suspended), person("p-3")};
    p2.credentials = {credential("c-1", "p-1", CredentialKind::NfcUid, "04A1B2C3D4E5F6",
                                 CredentialStatus::Lost),
                      credential("c-5", "p-3", CredentialKind::NfcUid, "0411223344")};
    p2.deleted_persons = {"p-2", "p-unknown"};
    p2.deleted_credentials = {"c-2"};
    const auto st2 = apply(*s, p2, hasher, kT0 + 1000);
    BOOST_TEST(!st2.snapshot_applied);
    BOOST_TEST(st2.deleted_persons == 1u);  // p-unknown did not exist
    BOOST_TEST(st2.deleted_credentials == 1u);
    BOOST_TEST(s->roster_cursor() == "cur-2");
    BOOST_TEST((s->roster_updated_at() == at_ms(kT0 + 1000)));
    BOOST_TEST((s->find_person("p-1")->status == core::PersonStatus::Suspended));
    BOOST_TEST(s->find_person("p-1")->groups == std::vector<std::string>{"dorm:4"});
    BOOST_TEST((s->find_by_uid_key(hasher.uid_key("04A1B2C3D4E5F6"))->status ==
                CredentialStatus::Lost));
    BOOST_TEST(!has_person(*s, "p-2"));
    BOOST_TEST(!s->find_credential("c-2").has_value());
    BOOST_TEST(!s->find_by_uid_key(hasher.uid_key("04A1B2C3D4E5F7")).has_value());
    BOOST_TEST(s->find_by_uid_key(hasher.uid_key("0411223344"))->person_id == "p-3");
    BOOST_TEST(s->roster_counts()->persons == 2u);
    BOOST_TEST(s->roster_counts()->credentials == 4u);

    // A new snapshot drops everything it does not list.
    auto p3 = page("cur-3", true, false);
    p3.persons = {person("p-3")};
    p3.credentials = {credential("c-5", "p-3", CredentialKind::NfcUid, "0411223344")};
    apply(*s, p3, hasher, kT0 + 2000);
    BOOST_TEST(!has_person(*s, "p-1"));
    BOOST_TEST(has_person(*s, "p-3"));
    BOOST_TEST(!s->find_credential("c-1").has_value());
    BOOST_TEST(!s->find_credential("a1b2c3d4e5f60718").has_value());
    BOOST_TEST(s->roster_counts()->persons == 1u);
    BOOST_TEST(s->roster_counts()->credentials == 1u);
    BOOST_TEST(s->roster_cursor() == "cur-3");

    // Everything survives a restart.
    s.reset();
    s = open();
    BOOST_TEST(s->roster_cursor() == "cur-3");
    BOOST_TEST((s->roster_updated_at() == at_ms(kT0 + 2000)));
    BOOST_TEST(s->find_by_uid_key(hasher.uid_key("0411223344"))->id == "c-5");
}

BOOST_AUTO_TEST_CASE(snapshot_over_three_pages_is_invisible_until_the_last) {
    auto s = open();
    auto old = page("cur-old", true, false);
    old.persons = {person("p-old")};
    old.credentials = {credential("c-old", "p-old", CredentialKind::NfcUid, "04000000000001")};
    apply(*s, old, hasher, kT0);

    auto other = open();  // a second connection (another thread would have its own)
    auto page_with = [](const std::string& cur, bool full, bool more, const std::string& id,
                        const std::string& uid) {
        auto p = page(cur, full, more);
        p.persons = {person(id)};
        p.credentials = {credential("c-" + id, id, CredentialKind::NfcUid, uid)};
        return p;
    };
    const auto a = apply(*s, page_with("cur-a", true, true, "p-a", "04000000000002"), hasher,
                         kT0 + 1);
    BOOST_TEST(a.staged);
    BOOST_TEST(s->snapshot_in_progress());
    apply(*s, page_with("cur-b", false, true, "p-b", "04000000000003"), hasher, kT0 + 2);
    for (SqliteStore* view : {s.get(), other.get()}) {
        BOOST_TEST(has_person(*view, "p-old"));
        BOOST_TEST(!has_person(*view, "p-a"));
        BOOST_TEST(!has_person(*view, "p-b"));
        BOOST_TEST(view->find_by_uid_key(hasher.uid_key("04000000000001")).has_value());
        BOOST_TEST(!view->find_by_uid_key(hasher.uid_key("04000000000002")).has_value());
        BOOST_TEST(view->roster_cursor() == "cur-old");
        BOOST_TEST((view->roster_updated_at() == at_ms(kT0)));
    }
    const auto c = apply(*s, page_with("cur-c", false, false, "p-c", "04000000000004"), hasher,
                         kT0 + 3);
    BOOST_TEST(c.snapshot_applied);
    BOOST_TEST(!s->snapshot_in_progress());
    for (SqliteStore* view : {s.get(), other.get()}) {
        BOOST_TEST(!has_person(*view, "p-old"));
        BOOST_TEST(!view->find_by_uid_key(hasher.uid_key("04000000000001")).has_value());
        for (const char* id : {"p-a", "p-b", "p-c"}) BOOST_TEST(has_person(*view, id));
        BOOST_TEST(view->find_by_uid_key(hasher.uid_key("04000000000003"))->id == "c-p-b");
        BOOST_TEST(view->roster_cursor() == "cur-c");
        BOOST_TEST((view->roster_updated_at() == at_ms(kT0 + 3)));
    }
}

BOOST_AUTO_TEST_CASE(aborted_snapshot_leaves_the_old_roster) {
    auto s = open();
    auto old = page("cur-old", false, false);
    old.persons = {person("p-old")};
    apply(*s, old, hasher);

    auto a = page("cur-a", true, true);
    a.persons = {person("p-a")};
    apply(*s, a, hasher);
    BOOST_TEST_REQUIRE(s->abort_snapshot().ok());
    BOOST_TEST(!s->snapshot_in_progress());
    BOOST_TEST(has_person(*s, "p-old"));
    BOOST_TEST(s->roster_cursor() == "cur-old");

    // After the abort a page without `full` is a delta again: p-a stays discarded.
    auto d = page("cur-d", false, false);
    d.persons = {person("p-d")};
    apply(*s, d, hasher);
    BOOST_TEST(has_person(*s, "p-old"));
    BOOST_TEST(has_person(*s, "p-d"));
    BOOST_TEST(!has_person(*s, "p-a"));

    // A new `full` page restarts staging: the first, unfinished run is forgotten.
    auto x = page("cur-x", true, true);
    x.persons = {person("p-x")};
    apply(*s, x, hasher);
    auto y = page("cur-y", true, false);
    y.persons = {person("p-y")};
    apply(*s, y, hasher);
    BOOST_TEST(!has_person(*s, "p-x"));
    BOOST_TEST(has_person(*s, "p-y"));
    BOOST_TEST(!has_person(*s, "p-old"));
    BOOST_TEST(!has_person(*s, "p-d"));
}

BOOST_AUTO_TEST_CASE(snapshot_staged_before_a_restart_is_discarded) {
    {
        auto s = open();
        auto old = page("cur-old", false, false);
        old.persons = {person("p-old")};
        apply(*s, old, hasher);
        auto a = page("cur-a", true, true);
        a.persons = {person("p-a")};
        apply(*s, a, hasher);
    }
    auto s = open();
    BOOST_TEST(!s->snapshot_in_progress());
    // The sync restarts from the stored cursor; say the server answers with a delta.
    auto d = page("cur-d", false, false);
    d.persons = {person("p-d")};
    apply(*s, d, hasher);
    BOOST_TEST(has_person(*s, "p-old"));
    BOOST_TEST(has_person(*s, "p-d"));
    BOOST_TEST(!has_person(*s, "p-a"));
    // Nothing staged reappears when a later snapshot completes.
    auto full = page("cur-f", true, false);
    full.persons = {person("p-f")};
    apply(*s, full, hasher);
    BOOST_TEST(!has_person(*s, "p-a"));
    BOOST_TEST(s->roster_counts()->persons == 1u);
}

BOOST_AUTO_TEST_CASE(failed_snapshot_page_is_never_half_applied) {
    auto s = open();
    auto old = page("cur-old", false, false);
    old.persons = {person("p-old")};
    apply(*s, old, hasher);

    auto a = page("cur-a", true, true);
    a.persons = {person("p-a")};
    apply(*s, a, hasher);
    BrokenHasher broken;
    auto b = page("cur-b", false, true);
    b.credentials = {credential("c-b", "p-a", CredentialKind::NfcUid, "04000000000009")};
    auto rb = s->apply_roster_page(b, broken, at_ms(kT0));
    BOOST_TEST_REQUIRE(!rb.ok());
    BOOST_TEST((rb.error().code == StoreErrc::HashFailed));

    // The continuation must not be taken for a delta.
    auto c = page("cur-c", false, false);
    c.persons = {person("p-c")};
    auto rc = s->apply_roster_page(c, hasher, at_ms(kT0));
    BOOST_TEST_REQUIRE(!rc.ok());
    BOOST_TEST((rc.error().code == StoreErrc::SnapshotInterrupted));
    BOOST_TEST(has_person(*s, "p-old"));
    BOOST_TEST(!has_person(*s, "p-a"));
    BOOST_TEST(!has_person(*s, "p-c"));
    BOOST_TEST(s->roster_cursor() == "cur-old");

    BOOST_TEST_REQUIRE(s->abort_snapshot().ok());
    apply(*s, c, hasher);
    BOOST_TEST(has_person(*s, "p-c"));
    BOOST_TEST(has_person(*s, "p-old"));
    BOOST_TEST(!has_person(*s, "p-a"));
}

BOOST_AUTO_TEST_CASE(snapshot_taken_over_by_another_connection_is_not_mixed_in) {
    auto daemon = open();
    auto import = open();  // `campusgw roster import` while the daemon is syncing
    auto a = page("cur-a", true, true);
    a.persons = {person("p-a")};
    apply(*daemon, a, hasher);
    auto b = page("cur-b", true, false);
    b.persons = {person("p-b")};
    apply(*import, b, hasher);  // clears the shared staging tables, swaps its own snapshot

    auto a2 = page("cur-a2", false, false);
    a2.persons = {person("p-a2")};
    auto r = daemon->apply_roster_page(a2, hasher, at_ms(kT0));
    BOOST_TEST_REQUIRE(!r.ok());
    BOOST_TEST((r.error().code == StoreErrc::SnapshotInterrupted));
    for (const char* id : {"p-a", "p-a2"}) BOOST_TEST(!has_person(*daemon, id));
    BOOST_TEST(has_person(*daemon, "p-b"));
    BOOST_TEST(daemon->roster_cursor() == "cur-b");
    BOOST_TEST(daemon->roster_counts()->persons == 1u);
}

BOOST_AUTO_TEST_CASE(raw_uids_never_reach_the_database_file) {
    const std::vector<std::string> uids = {"04A1B2C3D4E5F6", "04A1B2C3D4E5F7", "0455667788",
                                           "04C0FFEE123456"};
    auto s = open();
    auto snap = page("cur-1", true, false);
    snap.persons = {person("p-20240117")};
    snap.credentials = {credential("c-1", "p-20240117", CredentialKind::NfcUid, uids[0]),
                        credential("c-2", "p-20240117", CredentialKind::Desfire, uids[1])};
    apply(*s, snap, hasher);
    auto staged = page("cur-2", true, true);  // a staged snapshot page
    staged.persons = {person("p-20240117")};
    staged.credentials = {credential("c-3", "p-20240117", CredentialKind::NfcUid, uids[2])};
    apply(*s, staged, hasher);
    BOOST_TEST_REQUIRE(s->abort_snapshot().ok());
    auto delta = page("cur-3", false, false);
    delta.credentials = {credential("c-4", "p-20240117", CredentialKind::NfcUid, uids[3])};
    apply(*s, delta, hasher);

    for (int pass = 0; pass < 2; ++pass) {  // WAL not yet checkpointed, then checkpointed
        const std::string bytes = file_bytes();
        // Positive control: the reader does see what the store wrote.
        BOOST_TEST_REQUIRE(bytes.find("p-20240117") != std::string::npos);
        BOOST_TEST_REQUIRE(bytes.find(hasher.uid_key(uids[3])) != std::string::npos);
        for (const auto& uid : uids) {
            std::string lower = uid;
            for (char& ch : lower) ch = static_cast<char>(std::tolower(ch));
            std::string binary;
            for (size_t i = 0; i < uid.size(); i += 2)
                binary += static_cast<char>(std::stoi(uid.substr(i, 2), nullptr, 16));
            BOOST_TEST(bytes.find(uid) == std::string::npos, uid);
            BOOST_TEST(bytes.find(lower) == std::string::npos, lower);
            BOOST_TEST(bytes.find(binary) == std::string::npos, "binary " + uid);
        }
        s.reset();  // closing checkpoints the WAL into the main file
        s = open();
    }
}

BOOST_AUTO_TEST_CASE(same_card_on_two_credentials_prefers_the_active_one) {
    auto s = open();
    auto p = page("cur-1", true, false);
    p.persons = {person("p-1")};
    p.credentials = {
        credential("c-a-old", "p-1", CredentialKind::NfcUid, "04DEADBEEF0001",
                   CredentialStatus::Lost),
        credential("c-b-new", "p-1", CredentialKind::NfcUid, "04DEADBEEF0001"),
    };
    apply(*s, p, hasher);
    auto c = s->find_by_uid_key(hasher.uid_key("04DEADBEEF0001"));
    BOOST_TEST_REQUIRE(c.has_value());
    BOOST_TEST(c->id == "c-b-new");
    BOOST_TEST(s->find_by_ref(hasher.tag("04DEADBEEF0001"))->id == "c-b-new");
}

BOOST_AUTO_TEST_CASE(roster_writes_are_refused_inside_a_batch) {
    auto s = open();
    BOOST_TEST_REQUIRE(s->begin().ok());
    auto r = s->apply_roster_page(page("c", false, false), hasher, at_ms(kT0));
    BOOST_TEST_REQUIRE(!r.ok());
    BOOST_TEST((r.error().code == StoreErrc::BatchOpen));
    BOOST_TEST((s->replace_timetable({}).error().code == StoreErrc::BatchOpen));
    s->rollback();
    BOOST_TEST(s->apply_roster_page(page("c", false, false), hasher, at_ms(kT0)).ok());
}

BOOST_AUTO_TEST_SUITE_END()

// Schema-level check with SQLite itself: the swap rebuilds the roster indexes it drops,
// and card lookups keep using them (a lost index would turn each tap into a table scan).
#include <sqlite3.h>

BOOST_FIXTURE_TEST_CASE(snapshot_swap_keeps_the_roster_indexes, StoreFixture) {
    {
        auto s = open();
        for (const char* cur : {"cur-1", "cur-2"}) {
            auto p = page(cur, true, false);
            p.persons = {person("p-1")};
            p.credentials = {credential("c-1", "p-1", CredentialKind::NfcUid, "04A1B2C3D4E5F6")};
            apply(*s, p, hasher);
        }
        BOOST_TEST(s->find_by_uid_key(hasher.uid_key("04A1B2C3D4E5F6")).has_value());
    }
    sqlite3* raw = nullptr;
    BOOST_TEST_REQUIRE(sqlite3_open_v2(db_path().c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) ==
                       SQLITE_OK);
    std::unique_ptr<sqlite3, int (*)(sqlite3*)> db(raw, sqlite3_close);
    auto rows = [&](const char* sql) {
        std::vector<std::string> out;
        sqlite3_stmt* st = nullptr;
        BOOST_TEST_REQUIRE(sqlite3_prepare_v2(db.get(), sql, -1, &st, nullptr) == SQLITE_OK);
        while (sqlite3_step(st) == SQLITE_ROW) {
            const int last = sqlite3_column_count(st) - 1;
            out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, last)));
        }
        sqlite3_finalize(st);
        return out;
    };
    BOOST_TEST(rows("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                    "AND tbl_name = 'credentials' ORDER BY name") ==
                   (std::vector<std::string>{"credentials_person", "credentials_ref",
                                             "credentials_uid_cover"}),
               boost::test_tools::per_element());
    const auto plan = rows("EXPLAIN QUERY PLAN SELECT id FROM credentials WHERE uid_key = 'x' "
                           "ORDER BY status <> 'active', id LIMIT 1");
    BOOST_TEST_REQUIRE(!plan.empty());
    // The tap lookup reads the covering index only, already in the order it wants.
    BOOST_TEST(plan[0].find("COVERING INDEX credentials_uid_cover") != std::string::npos, plan[0]);
    BOOST_TEST(plan.size() == 1u, "no temp b-tree for the ORDER BY");
}
