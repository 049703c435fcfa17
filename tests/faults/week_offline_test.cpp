// The e-ID system and the broker both unreachable for a simulated week of taps. The
// gateway syncs its roster once from the e-ID simulator; then the simulator and mosquitto
// are stopped, and two `sim` readers (no broker needed) tap 20,000 times (GW_FAULT_WEEK_TAPS)
// at 500 taps/s each — about a week at a 700-bed dorm's gates. A week is compressed into
// max_roster_age = 5 s: the roster goes stale during the run, as it would after days without
// the e-ID system. Then, after minutes (GW_FAULT_OUTAGE_S), both come back. What must hold: decisions go on (when_stale applied
// once stale), the outbox holds every event within [outbox] max_events, the gateway's RSS
// stays flat, and afterwards every event reaches MQTT in seq order without a gap and the
// sync resumes.
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>

#include "fault_metrics.hpp"
#include "fault_world.hpp"
#include "tests/integration/eid/eid_sim_process.hpp"
#include "tests/support/tcp_port.hpp"

using namespace gw::test;
using namespace std::chrono_literals;
using json = nlohmann::json;

namespace {

const std::string kWeekBase = "campus/v1/t-site/w-gw";
constexpr int kPersons = 700;
constexpr uint64_t kMaxEvents = 30000;
const std::string kNewStudent =
    R"({"persons":[{"id":"p-new","role":"student","status":"active","groups":["dorm:3"],)"
    R"("valid_from":"2024-09-01","valid_to":"2099-07-31"}],)"
    R"("credentials":[{"id":"c-new","person":"p-new","kind":"nfc_uid","uid":")" +
    test_uid(kPersons + 1) + R"(","status":"active"}]})";

/// How long the broker stays down (GW_FAULT_OUTAGE_S, default 120 s): minutes, so the
/// gateway's reconnect backoff reaches its 30 s cap before the broker returns.
std::chrono::seconds outage() {
    const char* env = std::getenv("GW_FAULT_OUTAGE_S");
    return std::chrono::seconds(env ? std::atoi(env) : 120);
}

int week_taps() {
    const char* env = std::getenv("GW_FAULT_WEEK_TAPS");
    return env ? std::atoi(env) : 20000;
}

std::string taps_list(int first, int count) {
    std::string s = "[";
    for (int i = 0; i < count; ++i)
        s += std::string(i ? "," : "") + "\"" + test_uid(1 + (first + i * 7) % kPersons) + "\"";
    return s + "]";
}

std::string sim_reader(const std::string& id, int first, int count) {
    return "[[device]]\nid = \"" + id + "\"\ndriver = \"sim\"\ninterval = \"2ms\"\n"
           "start_delay = \"5s\"\ntaps = " + taps_list(first, count) + "\n";
}

/// Taps start 5 s after the gateway (start_delay): by then it has synced and both the
/// simulator and the broker are gone.
std::string week_config(const TempDir& dir, const MosquittoBroker& broker, EidSimProcess& sim,
                        const TestCerts& certs, uint16_t metrics_port, int taps) {
    std::ofstream(dir / "eid.token") << "sim-token\n";
    return "[site]\nid = \"t-site\"\ntimezone = \"Asia/Shanghai\"\n"
           "[gateway]\nid = \"w-gw\"\nstate_dir = \"" + (dir / "state").string() + "\"\n"
           "[mqtt]\nurl = \"" + broker.url() + "\"\n"  // default reconnect backoff: 0.5..30 s
           "[outbox]\nmax_events = " + std::to_string(kMaxEvents) + "\n"
           "[metrics]\nlisten = \"127.0.0.1:" + std::to_string(metrics_port) + "\"\n"
           "[eid]\nurl = \"" + sim.https_url() + "\"\nca_file = \"" + certs.ca_cert().string() +
           "\"\ntoken_file = \"" + (dir / "eid.token").string() +
           "\"\npoll_interval = \"1s\"\ntimeout = \"1s\"\n"
           "[[zone]]\nid = \"dorm3\"\nkind = \"dorm\"\nallow_groups = [\"dorm:3\"]\n"
           "[[point]]\nid = \"lenient\"\nzone = \"dorm3\"\ndevice = \"r1\"\n"
           "max_roster_age = \"5s\"\nwhen_stale = \"allow_known\"\n"
           "[[point]]\nid = \"strict\"\nzone = \"dorm3\"\ndevice = \"r2\"\n"
           "max_roster_age = \"5s\"\nwhen_stale = \"deny\"\n"
           "[[point]]\nid = \"check\"\nzone = \"dorm3\"\ndevice = \"r3\"\n"
           "max_roster_age = \"5s\"\nwhen_stale = \"deny\"\n" +
           sim_reader("r1", 0, taps / 2) + sim_reader("r2", 3, taps - taps / 2) +
           "[[device]]\nid = \"r3\"\ndriver = \"mqtt_reader\"\ntopic = \"readers/r3\"\n";
}

long rss_kib(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(in, line);)
        if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
    return -1;
}

/// A gauge of the gateway's /metrics (-1 when absent or unreachable).
double gauge(uint16_t port, const std::string& name) {
    try {
        const std::string text = "\n" + scrape_metrics(port);
        const auto at = text.find("\n" + name + " ");
        return at == std::string::npos ? -1 : std::atof(text.c_str() + at + name.size() + 2);
    } catch (const std::exception&) {
        return -1;
    }
}

struct WeekWorld {
    TempDir dir{"campusgw-week"};
    TestCerts certs;
    MosquittoBroker broker{[] {
        MosquittoBrokerOptions o;
        o.persistence = true;  // the watcher's session survives the outage
        o.extra_config = "max_queued_messages 0";  // and holds every event for it
        return o;
    }()};
    EidSimProcess sim{certs, [this] {
        EidSimOptions o;
        o.persons = kPersons;
        o.token = "sim-token";
        o.mqtt = "127.0.0.1:" + std::to_string(broker.port());  // change notifications
        return o;
    }()};
    uint16_t metrics_port = find_free_port();
    std::unique_ptr<MqttProbe> probe;
    std::unique_ptr<GatewayProcess> gw;

    WeekWorld() {
        MqttProbeOptions o;
        o.client_id = "week-watcher";
        o.clean_session = false;  // the broker keeps what the gateway publishes for it
        probe = std::make_unique<MqttProbe>(broker.host(), broker.port(), "#", o);
        BOOST_TEST_REQUIRE(probe->wait_subscribed(5s));
    }

    /// Waits until `n` distinct events arrived (duplicates do not count).
    bool all_published(int n, std::chrono::milliseconds timeout) const {
        const auto end = std::chrono::steady_clock::now() + timeout;
        do {
            std::this_thread::sleep_for(200ms);
            if (probe->count() < static_cast<size_t>(n)) continue;
            std::set<uint64_t> seqs;
            for (const auto& e : events()) seqs.insert(e["seq"].get<uint64_t>());
            if (seqs.size() >= static_cast<size_t>(n)) return true;
        } while (std::chrono::steady_clock::now() < end);
        return false;
    }

    std::vector<json> events() const {
        std::vector<json> out;
        for (const auto& m : probe->messages())
            if (m.topic.rfind(kWeekBase + "/access/", 0) == 0)
                out.push_back(json::parse(m.payload));
        return out;
    }
};

/// Checks the events a point published: every tap decided, allow while fresh, then the
/// point's when_stale. Returns {local, degraded} counts.
std::pair<int, int> check_point(const std::vector<json>& evs, const std::string& point,
                                bool stale_allows) {
    int local = 0, degraded = 0, bad = 0;
    for (const auto& e : evs) {
        if (e["point"] != point) continue;
        const bool is_local = e["mode"] == "local";
        (is_local ? local : degraded) += 1;
        const bool ok = is_local || stale_allows
                            ? e["decision"] == "allow"
                            : e["decision"] == "deny" && e["reason"] == "roster_stale";
        if (!ok && ++bad <= 3) BOOST_TEST_MESSAGE("unexpected: " << e.dump());
    }
    BOOST_TEST(bad == 0, point << ": " << bad << " unexpected decisions");
    return {local, degraded};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(faults)

BOOST_FIXTURE_TEST_CASE(week_without_e_id_and_broker_decides_holds_then_publishes_all,
                        WeekWorld) {
    const int taps = week_taps();
    std::ofstream(dir / "campusgw.toml")
        << week_config(dir, broker, sim, certs, metrics_port, taps);
    gw = std::make_unique<GatewayProcess>(dir / "campusgw.toml", dir / "gateway.log");
    BOOST_TEST_REQUIRE(gw->wait_log("roster snapshot applied", 4s), gw->log());
    BOOST_TEST_REQUIRE(gw->wait_log("broker connected", 2s), gw->log());
    sim.stop();
    broker.stop();
    BOOST_TEST_REQUIRE(events().empty());  // the taps had not started yet
    const auto t0 = std::chrono::steady_clock::now();

    // Offline: sample the outbox depth and the RSS until every tap is decided.
    const pid_t pid = gw->process().pid();
    long rss_at_1000 = -1, rss_at_half = -1, rss_max = 0;
    double depth = 0, depth_max = 0;
    const auto deadline = t0 + 60s;
    while (depth < taps && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(250ms);
        depth = gauge(metrics_port, "campusgw_outbox_depth");
        depth_max = std::max(depth_max, depth);
        const long rss = rss_kib(pid);
        if (rss_at_1000 < 0 && depth >= 1000) rss_at_1000 = rss;
        if (rss_at_half < 0 && depth >= taps / 2) rss_at_half = rss;
        rss_max = std::max(rss_max, rss);
    }
    const auto offline = std::chrono::steady_clock::now() - t0;
    const long rss_end = rss_kib(pid);
    BOOST_TEST_REQUIRE(depth == taps, "outbox depth " << depth << " of " << taps << " taps");
    BOOST_TEST(depth_max <= static_cast<double>(kMaxEvents));
    BOOST_TEST(gauge(metrics_port, "campusgw_outbox_dropped_total") == 0);
    BOOST_TEST(gw->process().running());
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)  // RSS says nothing: ASan's
// quarantine holds freed memory, TSan's shadow and history grow
    BOOST_TEST(rss_end - rss_at_1000 < 8 * 1024, "RSS grew from " << rss_at_1000 << " to "
                                                     << rss_end << " KiB");
    BOOST_TEST(rss_end - rss_at_half < 2 * 1024, "RSS grew in the second half from "
                                                     << rss_at_half << " to " << rss_end);
#endif

    // Both come back, after minutes: by then the gateway retries the broker every ~30 s.
    std::this_thread::sleep_until(t0 + outage());
    const auto t1 = std::chrono::steady_clock::now();
    broker.start();
    sim.restart();
    BOOST_TEST(all_published(taps, 60s), "only " << probe->count() << " messages");
    const auto drain = std::chrono::steady_clock::now() - t1;
    BOOST_TEST(drain < 40s);  // the next retry (≤ reconnect_max = 30 s) plus the publishing

    const auto evs = events();
    std::set<uint64_t> seen;
    uint64_t max_first = 0;
    size_t out_of_order = 0;
    for (const auto& e : evs) {
        const auto seq = e["seq"].get<uint64_t>();
        if (!seen.insert(seq).second) continue;
        if (seq != max_first + 1) ++out_of_order;
        max_first = std::max(max_first, seq);
    }
    BOOST_TEST(out_of_order == 0u);
    BOOST_TEST(seen.size() == static_cast<size_t>(taps));
    BOOST_TEST(max_first == static_cast<uint64_t>(taps));  // 1..taps, no gap
    const auto lenient = check_point(evs, "lenient", true);
    const auto strict = check_point(evs, "strict", false);
    BOOST_TEST(lenient.second > 0);  // the roster did go stale during the week
    BOOST_TEST(strict.second > 0);

    // The sync resumes: its retry delay has grown to tens of seconds by now, but the e-ID
    // system's change notification (a new student) starts it at once. The roster is fresh
    // again and holds the new card.
    sim.admin("/admin/upsert", kNewStudent);
    BOOST_TEST_REQUIRE(gw->wait_log("e-ID sync recovered", 10s), gw->log());
    // (The recovering sync may be the backoff's own retry, just before the new student:
    // tap until the notified change is in, 10 s at most.)
    json last;
    for (size_t n = evs.size(); n < evs.size() + 20 && last["decision"] != "allow"; ++n) {
        probe->publish("readers/r3", test_uid(kPersons + 1));
        BOOST_TEST_REQUIRE(FaultWorld::eventually([&] { return events().size() > n; }, 5s));
        last = events().back();
        if (last["decision"] != "allow") std::this_thread::sleep_for(500ms);
    }
    BOOST_TEST(last["decision"] == "allow", last.dump());
    BOOST_TEST(last["mode"] == "local", last.dump());
    std::set<uint64_t> all;
    for (const auto& e : events()) all.insert(e["seq"].get<uint64_t>());
    BOOST_TEST(*all.rbegin() == all.size());  // still gap-free after the week
    BOOST_TEST(last["seq"] == *all.rbegin());

    BOOST_TEST_MESSAGE(
        taps << " taps offline in "
             << std::chrono::duration_cast<std::chrono::milliseconds>(offline).count()
             << " ms; outbox depth max " << depth_max << "; RSS " << rss_at_1000
             << " KiB at 1,000 events, " << rss_at_half << " at " << taps / 2 << ", " << rss_end
             << " KiB at " << taps << " (max " << rss_max << "); lenient local/degraded "
             << lenient.first << "/" << lenient.second << ", strict " << strict.first << "/"
             << strict.second << "; " << evs.size() << " messages for " << taps
             << " events, all published "
             << std::chrono::duration_cast<std::chrono::milliseconds>(drain).count()
             << " ms after the broker came back (down "
             << std::chrono::duration_cast<std::chrono::seconds>(t1 - t0).count() << " s)");
}

BOOST_AUTO_TEST_SUITE_END()
