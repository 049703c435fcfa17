// The gateway STARTS on a state directory that is already read-only: a Raspberry Pi whose SD
// card the kernel remounted read-only, which a reboot does not fix. The state directory is
// an ext4 loop mount (ext4_state_dir.hpp) that the test remounts read-only (`mount -o
// remount,ro`, allowed because nothing is open at that moment) after a run of the gateway
// that stopped cleanly (SQLite removed the -wal/-shm) or was killed -9 (they remain).
// What a school needs: terminals still get their answers and the decisions reach the broker,
// with the alarm on. Without a usable database the gateway cannot start: exit 73.
// Needs root and loop devices: skipped with a message otherwise.
#include <set>

#include "ext4_state_dir.hpp"
#include "fault_metrics.hpp"
#include "fault_world.hpp"
#include "tests/support/tcp_port.hpp"

using namespace gw::test;
using namespace std::chrono_literals;

namespace {

constexpr int kTapsReadOnly = 20;

std::set<uint64_t> seqs(const FaultWorld& w) {
    std::set<uint64_t> s;
    for (const auto& e : w.events()) s.insert(e["seq"].get<uint64_t>());
    return s;
}

/// Taps cards first..first+n-1 (10 ms apart) and waits until each got its answer.
void tap(FaultWorld& w, int first, int n) {
    const size_t before = w.answers();
    for (int i = first; i < first + n; ++i) {
        BOOST_TEST_REQUIRE(w.probe->publish("r/1", card_uid(i)));
        std::this_thread::sleep_for(10ms);
    }
    BOOST_TEST_REQUIRE(w.eventually([&] { return w.answers() == before + n; }, 5s),
                       "answers " << w.answers() << ", expected " << before + n << "\n"
                                  << w.gw->log());
}

/// A run of the gateway that decides three taps and ends by SIGTERM or kill -9; then the
/// state directory is remounted read-only.
void run_once_then_read_only(FaultWorld& w, Ext4StateDir& fs, bool kill9) {
    w.start();
    tap(w, 1, 3);
    BOOST_TEST_REQUIRE(w.eventually([&] { return seqs(w).size() == 3; }, 5s));
    if (kill9) {
        w.kill();
    } else {
        BOOST_TEST_REQUIRE(w.gw->process().terminate(5s) == 0);
    }
    const auto wal = fs.mount_point / "campusgw.db-wal";
    BOOST_TEST_REQUIRE(std::filesystem::exists(wal) == kill9, "-wal present: " << !kill9);
    fs.remount(true);
}

/// The alarm of a read-only state directory: in info (naming the directory) and /metrics;
/// acknowledged events leave the outbox even where the disk keeps them (no retry storm).
nlohmann::json check_alarm(FaultWorld& w, const Ext4StateDir& fs) {
    const auto health = w.ask("health", "h-ro-start");
    const auto store_error = health["data"]["info"]["outbox"]["store_error"];
    BOOST_TEST_REQUIRE(store_error.is_string(), health.dump());
    BOOST_TEST(store_error.get<std::string>().find(fs.mount_point.string()) != std::string::npos,
               store_error);
    BOOST_TEST(!store_writable(w.metrics_port));
    int asked = 0;
    BOOST_TEST(w.eventually([&] {
        return w.ask("health", "h-depth-" + std::to_string(++asked))["data"]["info"]["outbox"]
                   ["depth"] == 0;
    }, 5s));
    BOOST_TEST(w.gw->log().find("outbox remove failed") == std::string::npos, w.gw->log());
    return store_error;
}

/// The gateway started on the read-only directory: answers, publishes, alarms, keeps seq.
void decides_on_read_only_start(bool kill9) {
    Ext4StateDir fs;
    FaultWorldOptions opts;
    opts.metrics_port = find_free_port();
    opts.prepare_state = [&](const std::filesystem::path& p) { fs.mount_at(p); };
    FaultWorld w(opts);
    run_once_then_read_only(w, fs, kill9);

    const auto t0 = std::chrono::steady_clock::now();
    w.start();
    BOOST_TEST(w.gw->wait_log("state directory cannot be written at start", 1s), w.gw->log());
    BOOST_TEST(w.gw->log().find("state_dir=" + fs.mount_point.string() +
                                " err=\"Read-only file system\"") != std::string::npos,
               w.gw->log());
    tap(w, 4, kTapsReadOnly);  // every tap answered
    const int last = 3 + kTapsReadOnly;
    BOOST_TEST_REQUIRE(w.eventually([&] { return seqs(w).size() == size_t(last); }, 5s),
                       "events " << seqs(w).size());
    // seq continues from what the earlier run wrote (after kill -9: from its -wal).
    BOOST_TEST(*seqs(w).rbegin() == uint64_t(last));
    for (const auto& e : w.events()) BOOST_TEST(e["decision"] == "allow");
    const auto store_error = check_alarm(w, fs);
    BOOST_TEST(w.gw->process().running());
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - t0);
    BOOST_TEST_MESSAGE("read-only start after " << (kill9 ? "kill -9" : "a clean stop") << ": "
                       << kTapsReadOnly << " taps answered and published (seq 4.." << last
                       << ") in " << ms.count() << " ms; store_error " << store_error);
    BOOST_TEST(w.gw->process().terminate(5s) == 0);  // a clean stop, no crash
}

}  // namespace

BOOST_AUTO_TEST_SUITE(faults)

BOOST_AUTO_TEST_CASE(start_on_read_only_state_dir_after_clean_stop_decides_with_alarm) {
    if (const auto why = mount_sandbox_unavailable(); !why.empty()) {
        BOOST_TEST_MESSAGE("SKIPPED read-only start: " << why);
        return;
    }
    decides_on_read_only_start(false);
}

BOOST_AUTO_TEST_CASE(start_on_read_only_state_dir_after_kill_9_reads_the_wal) {
    if (const auto why = mount_sandbox_unavailable(); !why.empty()) {
        BOOST_TEST_MESSAGE("SKIPPED read-only start: " << why);
        return;
    }
    decides_on_read_only_start(true);
}

// What cannot be served read-only: no database (or no secret) yet, or a schema that needs a
// migration. The gateway exits at once with 73 (EX_CANTCREAT) and says why.
BOOST_AUTO_TEST_CASE(start_on_read_only_state_dir_without_usable_database_exits_73) {
    if (const auto why = mount_sandbox_unavailable(); !why.empty()) {
        BOOST_TEST_MESSAGE("SKIPPED read-only start: " << why);
        return;
    }
    Ext4StateDir fs;
    FaultWorldOptions opts;
    opts.prepare_state = [&](const std::filesystem::path& p) { fs.mount_at(p); };
    FaultWorld w(opts);  // the roster import created the database and the secret
    const auto db = fs.mount_point / "campusgw.db";
    const auto expect_73 = [&](const std::string& what, const std::string& text) {
        fs.remount(true);
        const auto r = run_campusgw({"run", "--config", w.config.string()}, w.dir.path());
        BOOST_TEST(r.exit_code == 73, what << ": exit " << r.exit_code << "\n" << r.output);
        BOOST_TEST(r.output.find("state directory " + fs.mount_point.string() +
                                 " cannot be written (Read-only file system)") !=
                       std::string::npos, what << ":\n" << r.output);
        BOOST_TEST(r.output.find(text) != std::string::npos, what << ":\n" << r.output);
        fs.remount(false);
    };

    // A schema older than the binary would need a migration.
    const auto log = w.dir / "sqlite3.log";
    BOOST_TEST_REQUIRE(run_tool({"sqlite3", db.string(), "PRAGMA user_version = 2"}, log) == 0,
                       slurp(log));
    expect_73("old schema", "cannot be migrated");

    std::filesystem::remove(db);
    expect_73("no database", "campusgw.db");

    std::filesystem::remove(fs.mount_point / "identity.key");
    expect_73("no database, no secret", "identity.key");
}

BOOST_AUTO_TEST_SUITE_END()
