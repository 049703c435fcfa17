// The state directory becomes read-only under a running, loaded gateway, then writable
// again. Linux refuses to remount a file system read-only while a file on it is open for
// writing (EBUSY: SQLite keeps its database and WAL open), and an ext4 forced read-only after
// an error stays so until it is unmounted. What is real, reversible and refuses writes even
// through file descriptors already open: the immutable attribute (chattr +i) on ext4. So
// the test enters a private mount namespace, puts the state directory on an ext4 loop mount
// it created, and sets +i on the directory, the database and its WAL while taps arrive
// every 2 ms; every write then fails with EPERM (SQLite: IOERR), as on a read-only disk.
// Needs root (mount, CAP_LINUX_IMMUTABLE) and loop devices: skipped with a message otherwise.
#include <map>
#include <optional>
#include <set>

#include "ext4_state_dir.hpp"
#include "fault_metrics.hpp"
#include "tap_load.hpp"
#include "tests/support/tcp_port.hpp"

using namespace gw::test;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(faults)

BOOST_AUTO_TEST_CASE(read_only_state_dir_decisions_go_on_alarm_then_automatic_recovery) {
    if (const auto why = mount_sandbox_unavailable(); !why.empty()) {
        BOOST_TEST_MESSAGE("SKIPPED read-only state directory: " << why);
        return;
    }
    Ext4StateDir fs;
    FaultWorldOptions opts;
    opts.metrics_port = find_free_port();
    opts.prepare_state = [&](const std::filesystem::path& p) { fs.mount_at(p); };
    FaultWorld w(opts);
    w.start();
    TapLoad load(*w.probe, 50);
    BOOST_TEST_REQUIRE(w.eventually([&] { return w.answers() >= 100; }, 5s));
    BOOST_TEST(store_writable(w.metrics_port));

    const auto t0 = std::chrono::steady_clock::now();
    BOOST_TEST_REQUIRE(fs.immutable(true) == 0);
    BOOST_TEST(w.gw->wait_log("state directory cannot be written", 5s), w.gw->log());
    const size_t answered_at_alarm = w.answers();
    std::this_thread::sleep_for(1500ms);  // ~750 taps while nothing can be written
    const size_t answered_ro = w.answers() - answered_at_alarm;
    const auto health = w.ask("health", "h-ro");
    BOOST_TEST(!health["data"]["info"]["outbox"]["store_error"].is_null(), health.dump());
    const auto store_error = health["data"]["info"]["outbox"]["store_error"];
    BOOST_TEST(!store_writable(w.metrics_port));
    BOOST_TEST(answered_ro > 100u);  // decisions went on (~750 taps sent)
    BOOST_TEST(w.gw->process().running());

    BOOST_TEST_REQUIRE(fs.immutable(false) == 0);
    BOOST_TEST(w.gw->wait_log("state directory writable again", 5s), w.gw->log());
    const auto ro_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - t0);
    BOOST_TEST(w.ask("health", "h-ok")["data"]["info"]["outbox"]["store_error"].is_null());
    BOOST_TEST(store_writable(w.metrics_port));
    std::this_thread::sleep_for(300ms);
    load.stop();
    BOOST_TEST_REQUIRE(w.eventually([&] {
        return w.ask("health", "h-" + std::to_string(w.probe->count()))["data"]["info"]["outbox"]
                   ["depth"] == 0;
    }, 20s));

    // What was decided while read-only was written when it could be: after kill -9 no seq
    // is used twice and none is missing.
    w.kill();
    w.start();
    const size_t before = w.answers();
    BOOST_TEST_REQUIRE(w.probe->publish("r/1", card_uid(7)));
    BOOST_TEST_REQUIRE(w.eventually([&] { return w.answers() == before + 1; }, 5s));
    std::set<uint64_t> seqs;
    size_t messages = 0;
    BOOST_TEST_REQUIRE(w.eventually(
        [&] {
            seqs.clear();
            const auto ev = w.events();
            messages = ev.size();
            for (const auto& e : ev) seqs.insert(e["seq"].get<uint64_t>());
            return !seqs.empty() && *seqs.rbegin() == seqs.size() && seqs.size() >= w.answers();
        },
        10s));
    BOOST_TEST_MESSAGE("read-only for " << ro_ms.count() << " ms (" << answered_ro
                                        << " answered in its first 1.5 s); store_error "
                                        << store_error << "; " << load.sent() << " taps, "
                                        << w.answers() << " answered, " << seqs.size()
                                        << " distinct events, " << messages << " received");
    BOOST_TEST(*seqs.rbegin() == seqs.size());   // 1..max, no gap
    BOOST_TEST(w.answers() <= seqs.size());      // every answered decision was published
    w.kill();
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(faults)

// The real "remounted read-only": ext4 with errors=remount-ro hits an error (triggered through
// its sysfs test hook) and refuses every write, for good, until the admin unmounts, checks
// and mounts it again — which needs the gateway stopped. Decisions go on meanwhile; after the
// repair the gateway starts from what reached the disk.
// The events decided while read-only existed only in memory; after the restart their seqs
// must not be handed out again (SeqGuard: the new run reads the last seq announced in the
// retained info).
BOOST_AUTO_TEST_CASE(ext4_forced_read_only_decisions_go_on_until_repair_and_restart) {
    if (const auto why = mount_sandbox_unavailable(); !why.empty()) {
        BOOST_TEST_MESSAGE("SKIPPED forced read-only: " << why);
        return;
    }
    Ext4StateDir fs;
    FaultWorldOptions opts;
    opts.prepare_state = [&](const std::filesystem::path& p) { fs.mount_at(p); };
    FaultWorld w(opts);
    w.start();
    TapLoad load(*w.probe, 50);
    BOOST_TEST_REQUIRE(w.eventually([&] { return w.answers() >= 100; }, 5s));
    fs.force_read_only();
    BOOST_TEST_REQUIRE(w.gw->wait_log("state directory cannot be written", 5s), w.gw->log());
    const size_t answered_at_alarm = w.answers();
    std::this_thread::sleep_for(1s);
    BOOST_TEST(w.answers() > answered_at_alarm + 100);  // decisions went on (~500 taps sent)
    BOOST_TEST(!w.ask("health", "h-ro")["data"]["info"]["outbox"]["store_error"].is_null());
    load.stop();
    // Everything decided reaches the broker from memory (acknowledged rows cannot even be
    // deleted from the disk, so the outbox depth stays up).
    std::set<uint64_t> seqs;
    BOOST_TEST_REQUIRE(w.eventually([&] {
        seqs.clear();
        for (const auto& e : w.events()) seqs.insert(e["seq"].get<uint64_t>());
        return !seqs.empty() && *seqs.rbegin() == seqs.size() && seqs.size() >= w.answers();
    }, 20s));
    const uint64_t published = *seqs.rbegin();

    std::set<std::string> before;
    for (const auto& e : w.events()) before.insert(e["event_id"].get<std::string>());

    BOOST_TEST(w.gw->process().terminate(5s) == 0);
    fs.repair();
    w.start();
    BOOST_TEST_REQUIRE(w.probe->publish("r/1", card_uid(9)));
    // Events the disk held and the broker had not acknowledged come again (same event_id,
    // same seq); the new tap's event is the one with a new event_id.
    std::optional<uint64_t> next;
    BOOST_TEST_REQUIRE(w.eventually([&] {
        for (const auto& e : w.events())
            if (!before.count(e["event_id"].get<std::string>())) next = e["seq"].get<uint64_t>();
        return next.has_value();
    }, 5s));
    BOOST_TEST_MESSAGE("forced read-only: " << published << " events published, the first after "
                       "the repair has seq " << *next);
    BOOST_TEST(*next == published + 1, w.gw->log());  // no seq used twice
    std::map<uint64_t, std::set<std::string>> ids_by_seq;
    for (const auto& e : w.events()) ids_by_seq[e["seq"].get<uint64_t>()].insert(e["event_id"]);
    for (const auto& [seq, ids] : ids_by_seq) BOOST_TEST(ids.size() == 1u, "seq " << seq);
    w.kill();
}

BOOST_AUTO_TEST_SUITE_END()
