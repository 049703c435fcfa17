// The state directory stops taking writes (RLIMIT_FSIZE = 0 makes every write to a file
// fail, as a full disk does): commits keep events in memory, decisions go on, and the first
// commit after space returns writes them, gap-free, as if nothing had happened.
#include <boost/test/unit_test.hpp>

#include <sys/resource.h>

#include <csignal>

#include "store_fixture.hpp"

using namespace gw;
using namespace gw::test;

namespace {

core::OutboxEntry event(uint64_t seq) {
    return core::OutboxEntry{seq, "campus/v1/s/g/access/dorm/p", R"({"seq":)" + std::to_string(seq) + "}",
                             5000 + int64_t(seq)};
}

std::vector<uint64_t> seqs(const std::vector<core::OutboxEntry>& es) {
    std::vector<uint64_t> out;
    for (const auto& e : es) out.push_back(e.seq);
    return out;
}

void batch(SqliteStore& s, int n, const std::vector<uint64_t>& acked = {}) {
    BOOST_TEST_REQUIRE(s.begin().ok());
    for (int i = 0; i < n; ++i) BOOST_TEST_REQUIRE(s.append(event(s.next_seq())).ok());
    BOOST_TEST_REQUIRE(s.remove(acked).ok());
    auto st = s.commit();
    BOOST_TEST_REQUIRE(st.ok(), (st.ok() ? "" : st.error().message()));
}

/// While alive, no file of this process may grow: writes fail with EFBIG.
struct NoFileWrites {
    rlimit saved{};
    NoFileWrites() {
        std::signal(SIGXFSZ, SIG_IGN);
        getrlimit(RLIMIT_FSIZE, &saved);
        rlimit none{0, saved.rlim_max};
        BOOST_TEST_REQUIRE(setrlimit(RLIMIT_FSIZE, &none) == 0);
    }
    ~NoFileWrites() { setrlimit(RLIMIT_FSIZE, &saved); }
};

using Seqs = std::vector<uint64_t>;

}  // namespace

BOOST_FIXTURE_TEST_SUITE(disk_full, StoreFixture)

BOOST_AUTO_TEST_CASE(events_are_kept_in_memory_and_written_when_the_disk_takes_writes_again) {
    auto s = open();
    batch(*s, 3);
    {
        NoFileWrites full;
        batch(*s, 2);  // seqs 4, 5: the commit fails, the events do not
        auto st = s->stats();
        BOOST_TEST(st.in_memory == 2u);
        BOOST_TEST(!st.store_error.empty());
        BOOST_TEST(st.depth == 5u);
        BOOST_TEST(seqs(s->pending(3, 10)) == (Seqs{4, 5}), boost::test_tools::per_element());
        BOOST_TEST(seqs(s->pending(0, 10)) == (Seqs{1, 2, 3, 4, 5}), boost::test_tools::per_element());
        batch(*s, 1, {4});  // seq 6; 4 was acknowledged before it ever reached the disk
        st = s->stats();
        BOOST_TEST(st.in_memory == 2u);
        BOOST_TEST(st.depth == 5u);
        BOOST_TEST(s->next_seq() == 7u);
    }
    batch(*s, 1);  // seq 7: space is back; 5 and 6 are written with it
    auto st = s->stats();
    BOOST_TEST(st.in_memory == 0u);
    BOOST_TEST(st.store_error.empty());
    BOOST_TEST(st.depth == 6u);

    s.reset();  // a restart sees exactly what was not acknowledged, and the next seq
    auto again = open();
    BOOST_TEST(seqs(again->pending(0, 100)) == (Seqs{1, 2, 3, 5, 6, 7}),
               boost::test_tools::per_element());
    BOOST_TEST(again->next_seq() == 8u);
}

// Events held in memory move too, and the highest unwritten seq says what must be
// announced before they are published.
BOOST_AUTO_TEST_CASE(events_in_memory_move_past_seqs_used_elsewhere) {
    auto s = open();
    batch(*s, 2);
    BOOST_TEST(s->highest_unwritten_seq() == 0u);
    NoFileWrites full;
    batch(*s, 2);  // seqs 3, 4 in memory
    BOOST_TEST(s->highest_unwritten_seq() == 4u);
    BOOST_TEST_REQUIRE(s->continue_after(10, 3).ok());
    const auto all = s->pending(0, 10);
    BOOST_TEST(seqs(all) == (Seqs{1, 2, 11, 12}), boost::test_tools::per_element());
    BOOST_TEST(all[3].payload == R"({"seq":12})");
    BOOST_TEST(s->highest_unwritten_seq() == 12u);
    BOOST_TEST(s->next_seq() == 13u);
}

BOOST_AUTO_TEST_SUITE_END()
