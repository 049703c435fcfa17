// kill -9 at random moments (mqtt-v1 §5: "power loss, kill -9 ... lose nothing").
// A forked child writes through the real store; the parent SIGKILLs it and then checks
// what a restarted gateway would find.
#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <thread>

#include "store_fixture.hpp"

using namespace gw;
using namespace gw::test;

namespace {

/// Runs `body` in a child process, which must never return; the parent gets its pid.
template <class F>
pid_t spawn(F body) {
    const pid_t pid = ::fork();
    BOOST_TEST_REQUIRE(pid >= 0);
    if (pid == 0) {
        body();
        ::_exit(0);
    }
    return pid;
}

void kill_and_reap(pid_t pid) {
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
}

/// Everything the child reported: the last value of a stream of uint64_t.
uint64_t last_reported(int fd) {
    uint64_t last = 0, v = 0;
    while (::read(fd, &v, sizeof v) == static_cast<ssize_t>(sizeof v)) last = v;
    return last;
}

/// The child: open the store and append batches until killed; after each commit report
/// the last committed seq. Never returns.
[[noreturn]] void append_forever(const std::string& path, int report_fd, unsigned seed) {
    StoreOptions o;
    o.path = path;
    auto s = SqliteStore::open(o);
    if (!s) ::_exit(2);
    std::mt19937 rng(seed);
    const std::string payload(200, 'x');
    for (;;) {
        if (!s.value()->begin()) ::_exit(3);
        const int n = 1 + static_cast<int>(rng() % 20);
        for (int i = 0; i < n; ++i) {
            const uint64_t seq = s.value()->next_seq();
            core::OutboxEntry e{seq, "campus/v1/site/gw/event/access", payload, 1};
            if (!s.value()->append(e)) ::_exit(4);
        }
        if (!s.value()->commit()) ::_exit(5);
        const uint64_t last = s.value()->next_seq() - 1;
        if (::write(report_fd, &last, sizeof last) != static_cast<ssize_t>(sizeof last))
            ::_exit(6);
    }
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(crash, StoreFixture)

BOOST_AUTO_TEST_CASE(outbox_survives_kill_9_gap_free) {
    std::mt19937 rng(20261123);
    uint64_t committed_total = 0;
    int killed_while_running = 0;
    for (int round = 0; round < 24; ++round) {
        int fds[2];
        BOOST_TEST_REQUIRE(::pipe2(fds, O_CLOEXEC) == 0);
        const pid_t pid = spawn([&] {
            ::close(fds[0]);
            append_forever(db_path(), fds[1], static_cast<unsigned>(round));
        });
        ::close(fds[1]);
        // From "still opening the database" to "hundreds of batches in".
        std::this_thread::sleep_for(std::chrono::microseconds(500 + rng() % 150'000));
        int status = 0;
        if (::waitpid(pid, &status, WNOHANG) == 0) ++killed_while_running;
        kill_and_reap(pid);
        const uint64_t reported = last_reported(fds[0]);
        ::close(fds[0]);

        auto s = open();
        const auto all = s->pending(0, 10'000'000);
        BOOST_TEST_REQUIRE(!all.empty() == (reported > 0 || committed_total > 0));
        for (size_t i = 0; i < all.size(); ++i)
            BOOST_TEST_REQUIRE(all[i].seq == i + 1, "round " << round << ": gap at " << i);
        const uint64_t max_seq = all.empty() ? 0 : all.back().seq;
        BOOST_TEST_REQUIRE(max_seq >= reported, "round " << round << ": committed seq lost");
        BOOST_TEST_REQUIRE(max_seq >= committed_total);
        BOOST_TEST_REQUIRE(s->next_seq() == max_seq + 1);
        BOOST_TEST_REQUIRE(s->stats().depth == all.size());
        committed_total = max_seq;
    }
    BOOST_TEST(killed_while_running == 24);  // the child never stopped on its own
    BOOST_TEST(committed_total > 0u);
    BOOST_TEST_MESSAGE("events committed across 24 kills: " << committed_total);
}

BOOST_AUTO_TEST_CASE(snapshot_swap_survives_kill_9_all_or_nothing) {
    // The child applies snapshots of roster A and roster B alternately, each over three
    // pages. Whenever it is killed, a restarted store must hold exactly A or exactly B.
    constexpr int kPerPage = 400;
    auto roster_page = [&](char which, int part, bool full, bool more) {
        auto p = page(std::string(1, which) + std::to_string(part), full, more);
        for (int i = 0; i < kPerPage; ++i) {
            const int n = part * kPerPage + i;
            const std::string id = std::string(1, which) + "-" + std::to_string(n);
            p.persons.push_back(person(id));
            char uid[16];
            std::snprintf(uid, sizeof uid, "04%c%011d", which == 'A' ? 'A' : 'B', n);
            p.credentials.push_back(credential("c" + id, id, core::CredentialKind::NfcUid, uid));
        }
        return p;
    };
    std::mt19937 rng(7);
    int seen[3] = {0, 0, 0};  // empty, A, B
    for (int round = 0; round < 10; ++round) {
        const pid_t pid = spawn([&] {
            StoreOptions o;
            o.path = db_path();
            auto s = SqliteStore::open(o);
            if (!s) ::_exit(2);
            for (int n = 0;; ++n) {
                const char which = n % 2 ? 'B' : 'A';
                for (int part = 0; part < 3; ++part) {
                    auto r = s.value()->apply_roster_page(
                        roster_page(which, part, part == 0, part < 2), hasher, at_ms(n));
                    if (!r) ::_exit(3);
                }
            }
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(20 + rng() % 400));
        kill_and_reap(pid);

        auto s = open();
        const auto counts = s->roster_counts();
        BOOST_TEST_REQUIRE(counts.ok());
        if (counts->persons == 0) {  // killed before the first snapshot completed
            ++seen[0];
            continue;
        }
        BOOST_TEST_REQUIRE(counts->persons == uint64_t{3 * kPerPage});
        BOOST_TEST_REQUIRE(counts->credentials == uint64_t{3 * kPerPage});
        const bool a = s->find_person("A-0").has_value();
        const char which = a ? 'A' : 'B';
        ++seen[a ? 1 : 2];
        for (int i : {0, kPerPage - 1, kPerPage, 3 * kPerPage - 1}) {
            const std::string id = std::string(1, which) + "-" + std::to_string(i);
            BOOST_TEST_REQUIRE(s->find_person(id).has_value(), "round " << round << " " << id);
        }
        BOOST_TEST_REQUIRE(s->roster_cursor() == std::string(1, which) + "2");
    }
    BOOST_TEST_MESSAGE("rounds ending with no roster / A / B: " << seen[0] << " / " << seen[1]
                                                                << " / " << seen[2]);
    BOOST_TEST(seen[1] + seen[2] > 0);
}

BOOST_AUTO_TEST_SUITE_END()
