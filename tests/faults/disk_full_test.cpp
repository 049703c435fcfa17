// The state directory's disk fills up under a running gateway (RLIMIT_FSIZE = 0 set on the
// process from outside: every write to a file fails, as on a full disk). Decisions go on,
// readers are answered, events are published, an alarm is raised; when space returns the
// gateway recovers by itself and seq stays gap-free across a later kill -9.
#include <sys/resource.h>

#include <map>
#include <set>
#include <string>

#include "fault_world.hpp"

using namespace gw::test;
using namespace std::chrono_literals;

namespace {

void set_file_size_limit(pid_t pid, rlim_t soft) {
    rlimit old{};
    BOOST_TEST_REQUIRE(prlimit(pid, RLIMIT_FSIZE, nullptr, &old) == 0);
    rlimit next{soft, old.rlim_max};
    BOOST_TEST_REQUIRE(prlimit(pid, RLIMIT_FSIZE, &next, nullptr) == 0);
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(faults, FaultWorld)

BOOST_AUTO_TEST_CASE(disk_full_decisions_go_on_alarm_then_automatic_recovery) {
    start();
    BOOST_TEST_REQUIRE(probe->publish("r/1", card_uid(1)));
    BOOST_TEST_REQUIRE(eventually([&] { return events().size() == 1; }, 5s));

    set_file_size_limit(gw->process().pid(), 0);
    for (int i = 2; i <= 4; ++i) BOOST_TEST_REQUIRE(probe->publish("r/1", card_uid(i)));
    BOOST_TEST(eventually([&] { return answers() == 4 && events().size() == 4; }, 5s),
               "answers " << answers() << ", events " << events().size());
    const auto health = ask("health", "h-full");
    BOOST_TEST(!health["data"]["info"]["outbox"]["store_error"].is_null(), health.dump());
    // (The log line saying so cannot reach a log *file* on a full disk; journald is a
    // socket. The health request above is the alarm a test can see.)
    BOOST_TEST(gw->process().running());

    set_file_size_limit(gw->process().pid(), RLIM_INFINITY);
    BOOST_TEST_REQUIRE(probe->publish("r/1", card_uid(5)));
    BOOST_TEST(gw->wait_log("state directory writable again", 5s), gw->log());
    BOOST_TEST(ask("health", "h-ok")["data"]["info"]["outbox"]["store_error"].is_null());

    kill();  // what was decided while the disk was full must not be re-used after a crash
    start();
    BOOST_TEST_REQUIRE(probe->publish("r/1", card_uid(6)));
    const auto seqs = [&] {
        std::set<uint64_t> s;
        for (const auto& e : events()) s.insert(e["seq"].get<uint64_t>());
        return s;
    };
    BOOST_TEST_REQUIRE(eventually([&] { return seqs().size() >= 6; }, 5s));
    std::this_thread::sleep_for(200ms);
    BOOST_TEST(seqs() == (std::set<uint64_t>{1, 2, 3, 4, 5, 6}), boost::test_tools::per_element());
    BOOST_TEST(events().size() == 6u);  // no acknowledged event came back after the restart
    for (const auto& e : events()) BOOST_TEST(e["decision"] == "allow");
}

// The disk is still full when the gateway dies: the events it decided meanwhile were
// published from memory and never reached the database, which ends at seq 1. The next run
// must not hand out 2, 3, 4 again: it learns the last seq the dead run announced from its
// retained info (SeqGuard) and carries on after it.
BOOST_AUTO_TEST_CASE(killed_while_the_disk_is_full_the_next_run_reuses_no_seq) {
    start();
    BOOST_TEST_REQUIRE(probe->publish("r/1", card_uid(1)));
    BOOST_TEST_REQUIRE(eventually([&] { return events().size() == 1; }, 5s));
    set_file_size_limit(gw->process().pid(), 0);
    for (int i = 2; i <= 4; ++i) BOOST_TEST_REQUIRE(probe->publish("r/1", card_uid(i)));
    BOOST_TEST_REQUIRE(eventually([&] { return events().size() == 4; }, 5s));
    kill();

    start();  // the disk has space again; the database ends at seq 1
    BOOST_TEST(gw->wait_log("seqs moved past", 5s), gw->log());
    for (int i = 5; i <= 6; ++i) BOOST_TEST_REQUIRE(probe->publish("r/1", card_uid(i)));
    BOOST_TEST_REQUIRE(eventually([&] { return events().size() >= 6; }, 5s));
    std::this_thread::sleep_for(200ms);
    std::map<uint64_t, std::set<std::string>> ids_by_seq;
    for (const auto& e : events()) ids_by_seq[e["seq"].get<uint64_t>()].insert(e["event_id"]);
    std::set<uint64_t> seqs;
    for (const auto& [seq, ids] : ids_by_seq) {
        seqs.insert(seq);
        BOOST_TEST(ids.size() == 1u, "seq " << seq << " was published for " << ids.size()
                                            << " different events");
    }
    BOOST_TEST(seqs == (std::set<uint64_t>{1, 2, 3, 4, 5, 6}), boost::test_tools::per_element());
    BOOST_TEST(ask("health", "h-after")["data"]["info"]["outbox"]["last_seq"] == 6);
}

BOOST_AUTO_TEST_SUITE_END()
