#include <boost/test/unit_test.hpp>

#include <fstream>
#include <functional>

#include "adapters/store/store_error.hpp"
#include "store_fixture.hpp"

using namespace gw;
using namespace gw::test;
using adp::store::StoreErrc;

namespace {

core::OutboxEntry entry(uint64_t seq, int64_t created_ms = 1000) {
    return core::OutboxEntry{seq, "campus/v1/sh-zj-001/gw-1/event/access",
                             R"({"seq":)" + std::to_string(seq) + "}", created_ms + int64_t(seq)};
}

std::vector<uint64_t> seqs_of(const std::vector<core::OutboxEntry>& es) {
    std::vector<uint64_t> out;
    for (const auto& e : es) out.push_back(e.seq);
    return out;
}

/// begin, append n events with the seqs next_seq() gives, commit.
void append_batch(SqliteStore& s, int n) {
    BOOST_TEST_REQUIRE(s.begin().ok());
    for (int i = 0; i < n; ++i) BOOST_TEST_REQUIRE(s.append(entry(s.next_seq())).ok());
    auto st = s.commit();
    BOOST_TEST_REQUIRE(st.ok(), (st.ok() ? "" : st.error().message()));
}

using Seqs = std::vector<uint64_t>;

}  // namespace

BOOST_FIXTURE_TEST_SUITE(outbox, StoreFixture)

BOOST_AUTO_TEST_CASE(append_pending_remove_in_seq_order) {
    auto s = open();
    BOOST_TEST(s->next_seq() == 1u);
    BOOST_TEST(s->stats().depth == 0u);
    BOOST_TEST(!s->stats().oldest_created_ms.has_value());
    append_batch(*s, 5);
    BOOST_TEST(s->next_seq() == 6u);
    const auto all = s->pending(0, 100);
    BOOST_TEST(seqs_of(all) == (Seqs{1, 2, 3, 4, 5}), boost::test_tools::per_element());
    BOOST_TEST(all[2].topic == "campus/v1/sh-zj-001/gw-1/event/access");
    BOOST_TEST(all[2].payload == R"({"seq":3})");
    BOOST_TEST(all[2].created_ms == 1003);
    BOOST_TEST(seqs_of(s->pending(2, 2)) == (Seqs{3, 4}), boost::test_tools::per_element());
    BOOST_TEST(s->pending(5, 10).empty());
    BOOST_TEST(s->pending(0, 0).empty());
    BOOST_TEST(s->stats().depth == 5u);
    BOOST_TEST(*s->stats().oldest_created_ms == 1001);

    BOOST_TEST_REQUIRE(s->remove({1, 3}).ok());  // outside a batch
    BOOST_TEST(seqs_of(s->pending(0, 100)) == (Seqs{2, 4, 5}), boost::test_tools::per_element());
    BOOST_TEST(s->stats().depth == 3u);
    BOOST_TEST(*s->stats().oldest_created_ms == 1002);
    BOOST_TEST_REQUIRE(s->remove({3, 99}).ok());  // unknown seqs are ignored
    BOOST_TEST(s->stats().depth == 3u);
}

BOOST_AUTO_TEST_CASE(append_must_use_next_seq) {
    auto s = open();
    auto st = s->append(entry(2));
    BOOST_TEST_REQUIRE(!st.ok());
    BOOST_TEST((st.error().code == StoreErrc::SeqMismatch));
    BOOST_TEST(s->append(entry(1)).ok());  // outside a batch: commits by itself
    BOOST_TEST(s->next_seq() == 2u);
    BOOST_TEST(s->stats().depth == 1u);
}

BOOST_AUTO_TEST_CASE(rollback_forgets_the_batch_and_its_seqs) {
    auto s = open();
    append_batch(*s, 2);
    BOOST_TEST_REQUIRE(s->begin().ok());
    BOOST_TEST_REQUIRE(s->append(entry(3)).ok());
    BOOST_TEST_REQUIRE(s->append(entry(4)).ok());
    BOOST_TEST_REQUIRE(s->remove({1}).ok());
    BOOST_TEST(s->next_seq() == 5u);
    s->rollback();
    BOOST_TEST(s->next_seq() == 3u);
    BOOST_TEST(s->stats().depth == 2u);
    BOOST_TEST(seqs_of(s->pending(0, 10)) == (Seqs{1, 2}), boost::test_tools::per_element());
    s.reset();
    s = open();
    BOOST_TEST(s->next_seq() == 3u);
}

BOOST_AUTO_TEST_CASE(batch_protocol_errors) {
    auto s = open();
    BOOST_TEST((s->commit().error().code == StoreErrc::NoBatch));
    BOOST_TEST_REQUIRE(s->begin().ok());
    BOOST_TEST((s->begin().error().code == StoreErrc::BatchOpen));
    BOOST_TEST(s->commit().ok());
    s->rollback();  // nothing open: no effect
    BOOST_TEST(s->begin().ok());
    BOOST_TEST(s->commit().ok());
}

BOOST_AUTO_TEST_CASE(seq_is_gap_free_across_restarts_and_after_emptying) {
    {
        auto s = open();
        append_batch(*s, 3);
    }
    {
        auto s = open();
        BOOST_TEST(s->next_seq() == 4u);
        append_batch(*s, 2);
        BOOST_TEST_REQUIRE(s->remove({1, 2, 3, 4, 5}).ok());  // every event acknowledged
        BOOST_TEST(s->stats().depth == 0u);
        BOOST_TEST(s->next_seq() == 6u);
    }
    {
        auto s = open();
        BOOST_TEST(s->stats().depth == 0u);
        BOOST_TEST(s->next_seq() == 6u);  // not 1: a seq is never reused
        append_batch(*s, 1);
        BOOST_TEST(seqs_of(s->pending(0, 10)) == (Seqs{6}), boost::test_tools::per_element());
    }
}

// An earlier run published seqs up to 1,300 from memory; the database ends at 3 and this
// run appended 1,200 events (4..1203, more than one chunk of the move) before it learnt
// that. They move to 1,301.., payloads included, and the next seq follows, also after a
// restart.
BOOST_AUTO_TEST_CASE(continue_after_moves_this_runs_events_past_seqs_used_elsewhere) {
    {
        auto s = open();
        append_batch(*s, 3);
    }
    auto s = open();
    const uint64_t first = s->next_seq();
    append_batch(*s, 1200);
    BOOST_TEST_REQUIRE(s->remove({1}).ok());
    BOOST_TEST_REQUIRE(s->continue_after(1300, first).ok());
    BOOST_TEST(s->next_seq() == 2501u);
    auto all = s->pending(0, 2000);
    BOOST_TEST_REQUIRE(all.size() == 1202u);
    BOOST_TEST(seqs_of({all.begin(), all.begin() + 3}) == (Seqs{2, 3, 1301}),
               boost::test_tools::per_element());
    BOOST_TEST(all[1].payload == R"({"seq":3})");   // earlier events keep theirs
    BOOST_TEST(all[2].payload == R"({"seq":1301})");
    BOOST_TEST(all.back().seq == 2500u);
    BOOST_TEST(all.back().payload == R"({"seq":2500})");
    BOOST_TEST(all.back().created_ms == 1000 + 1203);
    BOOST_TEST(s->stats().depth == 1202u);
    BOOST_TEST_REQUIRE(s->continue_after(2, first).ok());  // nothing used beyond ours
    BOOST_TEST(s->next_seq() == 2501u);
    append_batch(*s, 1);
    s.reset();
    auto again = open();
    BOOST_TEST(again->next_seq() == 2502u);
    BOOST_TEST(again->pending(2499, 10).size() == 2u);
}

BOOST_AUTO_TEST_CASE(bound_drops_the_oldest_and_counts) {
    {
        auto s = open(3);
        append_batch(*s, 2);
        BOOST_TEST(s->stats().dropped == 0u);
        append_batch(*s, 3);  // 5 events into room for 3
        BOOST_TEST(seqs_of(s->pending(0, 10)) == (Seqs{3, 4, 5}), boost::test_tools::per_element());
        BOOST_TEST(s->stats().depth == 3u);
        BOOST_TEST(s->stats().dropped == 2u);
        BOOST_TEST(*s->stats().oldest_created_ms == 1003);
        BOOST_TEST(s->append(entry(6)).ok());  // outside a batch too
        BOOST_TEST(s->stats().dropped == 3u);
        // A rolled-back batch drops nothing for good.
        BOOST_TEST_REQUIRE(s->begin().ok());
        BOOST_TEST_REQUIRE(s->append(entry(7)).ok());
        BOOST_TEST(s->stats().dropped == 4u);
        s->rollback();
        BOOST_TEST(s->stats().dropped == 3u);
        BOOST_TEST(seqs_of(s->pending(0, 10)) == (Seqs{4, 5, 6}), boost::test_tools::per_element());
    }
    {
        auto s = open(2);  // the bound shrank across a restart
        BOOST_TEST(s->stats().dropped == 3u);
        BOOST_TEST(s->stats().depth == 3u);
        append_batch(*s, 1);
        BOOST_TEST(seqs_of(s->pending(0, 10)) == (Seqs{6, 7}), boost::test_tools::per_element());
        BOOST_TEST(s->stats().dropped == 5u);
    }
    auto s = open(2);
    BOOST_TEST(s->stats().dropped == 5u);
    BOOST_TEST(s->next_seq() == 8u);
}

BOOST_AUTO_TEST_CASE(bad_options_are_refused) {
    for (auto mutate : std::vector<std::function<void(StoreOptions&)>>{
             [](StoreOptions& o) { o.synchronous = "off"; },
             [](StoreOptions& o) { o.max_events = 0; },
             [](StoreOptions& o) { o.path.clear(); },
         }) {
        StoreOptions o;
        o.path = db_path();
        mutate(o);
        auto r = SqliteStore::open(o);
        BOOST_TEST_REQUIRE(!r.ok());
        BOOST_TEST((r.error().code == StoreErrc::BadOption));
    }
    StoreOptions normal;
    normal.path = db_path();
    normal.synchronous = "normal";
    BOOST_TEST(SqliteStore::open(normal).ok());
}

BOOST_AUTO_TEST_CASE(unopenable_path_is_an_error) {
    StoreOptions o;
    o.path = (dir / "missing-dir" / "campusgw.db").string();
    auto r = SqliteStore::open(o);
    BOOST_TEST_REQUIRE(!r.ok());
    BOOST_TEST((r.error().code == StoreErrc::CantOpen));
    BOOST_TEST(r.error().message().find("missing-dir") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(database_from_a_newer_version_is_refused) {
    {
        auto s = open();
    }
    {
        // A closed database has no WAL left: set the header's user_version field directly,
        // as a newer campusgw's migration would.
        std::fstream f(db_path(), std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(60);  // SQLite header: user_version at offset 60, 4-byte big-endian
        const char v[4] = {0, 0, 0, 99};
        f.write(v, 4);
    }
    StoreOptions o;
    o.path = db_path();
    auto r = SqliteStore::open(o);
    BOOST_TEST_REQUIRE(!r.ok());
    BOOST_TEST((r.error().code == StoreErrc::SchemaTooNew));
}

BOOST_AUTO_TEST_SUITE_END()
