// End to end: the real campusgw binary, a real mosquitto, SQLite on disk. Asserts what
// campus systems and admins see: MQTT payloads and topics, retained state, exit codes,
// log lines.
#define BOOST_TEST_MODULE daemon
#include <boost/test/unit_test.hpp>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <csignal>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "gateway_process.hpp"
#include "pn532_emulator.hpp"
#include "tests/support/mosquitto_broker.hpp"
#include "tests/support/mqtt_probe.hpp"
#include "tests/support/temp_dir.hpp"

using namespace gw::test;
using namespace std::chrono_literals;
using json = nlohmann::json;

namespace {

const std::string kBase = "campus/v1/t-site/t-gw";
// Raw UIDs: must never appear in a payload, a log line or the database file.
const std::string kResident = "04A1B2C3D4E5F6";
const std::string kOutsider = "04B1B2C3D4E5F6";
const std::string kLost = "04C1B2C3D4E5F6";
const std::string kUnknown = "04DEADBEEF0001";

void write(const std::filesystem::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
}

std::string roster_json() {
    json persons = json::array(), creds = json::array();
    auto person = [&](const std::string& id, json groups) {
        persons.push_back({{"id", id}, {"role", "student"}, {"status", "active"},
                           {"groups", groups}, {"valid_from", "2024-09-01"},
                           {"valid_to", "2099-07-31"}, {"display", "张*明"}});
    };
    auto card = [&](const std::string& id, const std::string& p, const std::string& uid,
                    const std::string& status) {
        creds.push_back({{"id", id}, {"person", p}, {"kind", "nfc_uid"}, {"uid", uid},
                         {"status", status}});
    };
    person("p-res", {"dorm:3", "class:cs-1"});
    person("p-out", {"dorm:5"});
    person("p-lost", {"dorm:3"});
    card("c-1", "p-res", kResident, "active");
    card("c-2", "p-out", kOutsider, "active");
    card("c-3", "p-lost", kLost, "lost");
    json page = {{"site", "t-site"}, {"cursor", "0000000000000001"}, {"full", true},
                 {"more", false}, {"persons", persons}, {"credentials", creds},
                 {"deleted", {{"persons", json::array()}, {"credentials", json::array()}}}};
    return page.dump();
}

std::string config_text(const TempDir& dir, uint16_t port, const std::string& extra = "") {
    return "[site]\nid = \"t-site\"\nname = \"Test school\"\ntimezone = \"Asia/Shanghai\"\n"
           "[gateway]\nid = \"t-gw\"\nstate_dir = \"" + (dir / "state").string() + "\"\n"
           "[log]\nlevel = \"debug\"\n"
           "[mqtt]\nurl = \"mqtt://127.0.0.1:" + std::to_string(port) + "\"\n"
           "reconnect_min = \"100ms\"\nreconnect_max = \"1s\"\n"
           "[[zone]]\nid = \"dorm3\"\nkind = \"dorm\"\nallow_groups = [\"dorm:3\"]\n"
           "[[zone]]\nid = \"canteen\"\nkind = \"canteen\"\nallow_roles = [\"student\"]\n"
           "meal_windows = [{ name = \"allday\", from = \"00:00\", to = \"24:00\", quota = 1 }]\n"
           "[[point]]\nid = \"dorm3-gate\"\nzone = \"dorm3\"\ndevice = \"reader-1\"\n"
           "door = \"door-1\"\n"
           "[[point]]\nid = \"canteen-till\"\nzone = \"canteen\"\ndevice = \"reader-2\"\n"
           "clock_unsynced = \"allow\"\n"
           "[[device]]\nid = \"reader-1\"\ndriver = \"mqtt_reader\"\ntopic = \"readers/r1/tag\"\n"
           "[[device]]\nid = \"reader-2\"\ndriver = \"mqtt_reader\"\ntopic = \"readers/r2/tag\"\n"
           "[[device]]\nid = \"door-1\"\ndriver = \"mqtt_door\"\ntopic = \"doors/d1/cmd\"\n" +
           extra;
}

/// A test world: broker, config, imported roster. The gateway is started by each test.
struct World {
    TempDir dir{"campusgw-daemon"};
    MosquittoBroker broker;
    std::filesystem::path config = dir / "campusgw.toml";
    std::filesystem::path log = dir / "gateway.log";

    explicit World(MosquittoBrokerOptions o = {}, const std::string& extra = "")
        : broker(std::move(o)) {
        broker.start();
        write(config, config_text(dir, broker.port(), extra));
        write(dir / "roster.json", roster_json());
        auto r = run_campusgw({"roster", "import", (dir / "roster.json").string(), "--config",
                               config.string()},
                              dir.path());
        BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.output);
        BOOST_REQUIRE(r.output.find("3 persons, 3 credentials") != std::string::npos);
    }

    bool wait_online(MqttProbe& status) {
        const auto end = std::chrono::steady_clock::now() + 10s;
        while (std::chrono::steady_clock::now() < end) {
            for (const auto& m : status.messages())
                if (m.topic == kBase + "/status" && json::parse(m.payload)["state"] == "online")
                    return true;
            std::this_thread::sleep_for(20ms);
        }
        return false;
    }
};

std::vector<json> events_of(const MqttProbe& p) {
    std::vector<json> out;
    for (const auto& m : p.messages())
        if (m.topic.find("/access/") != std::string::npos) {
            auto j = json::parse(m.payload);
            j["_topic"] = m.topic;
            out.push_back(j);
        }
    return out;
}

bool contains_raw_uid(const std::string& text) {
    for (const auto& uid : {kResident, kOutsider, kLost, kUnknown})
        if (text.find(uid) != std::string::npos) return true;
    return false;
}

}  // namespace

/// A running gateway that has decided seven taps: five at the dorm gate (resident,
/// outsider, lost card, unknown card, garbage) and two at the canteen (same student twice).
struct TapSession {
    World w;
    MqttProbe all{w.broker.host(), w.broker.port(), "#"};
    std::unique_ptr<GatewayProcess> gw;
    std::map<uint64_t, json> by_seq;

    TapSession() {
        BOOST_REQUIRE(all.wait_subscribed(5s));
        gw = std::make_unique<GatewayProcess>(w.config, w.log);
        BOOST_REQUIRE(w.wait_online(all));
        for (const auto& uid : {kResident, kOutsider, kLost, kUnknown})
            all.publish("readers/r1/tag", uid);
        all.publish("readers/r1/tag", "not-a-uid");
        all.publish("readers/r2/tag", "{\"uid\":\"" + kResident + "\"}");
        all.publish("readers/r2/tag", kResident);
        const auto deadline = std::chrono::steady_clock::now() + 10s;
        while (events_of(all).size() < 7 && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(20ms);
        for (auto& e : events_of(all)) by_seq[e["seq"].get<uint64_t>()] = e;
        BOOST_REQUIRE_EQUAL(by_seq.size(), 7u);
        std::this_thread::sleep_for(300ms);  // door commands and reader answers follow events
    }
    /// The events of one point, in seq order (= publish order of its reader).
    std::vector<json> at(const std::string& point) const {
        std::vector<json> out;
        for (const auto& [seq, e] : by_seq)
            if (e["point"] == point) out.push_back(e);
        return out;
    }
    std::vector<std::string> payloads_on(const std::string& topic) const {
        std::vector<std::string> out;
        for (const auto& m : all.messages())
            if (m.topic == topic) out.push_back(m.payload);
        return out;
    }
};

BOOST_FIXTURE_TEST_CASE(dorm_taps_become_mqtt_v1_events, TapSession) {
    BOOST_TEST(by_seq.rbegin()->first - by_seq.begin()->first == 6u);  // gap-free
    const auto dorm = at("dorm3-gate");
    BOOST_REQUIRE_EQUAL(dorm.size(), 5u);
    const auto& ok = dorm[0];
    BOOST_TEST(ok["_topic"] == kBase + "/access/dorm/dorm3-gate");
    BOOST_TEST(ok["schema"] == "campus.access/1");
    BOOST_TEST(ok["decision"] == "allow");
    BOOST_TEST(ok["reason"] == "ok");
    BOOST_TEST(ok["person"]["id"] == "p-res");
    BOOST_TEST(ok["person"]["role"] == "student");
    BOOST_TEST(ok["zone"] == "dorm3");
    BOOST_TEST(ok["zone_kind"] == "dorm");
    BOOST_TEST(ok["device"] == "reader-1");
    BOOST_TEST(ok["site"] == "t-site");
    BOOST_TEST(ok["gateway"] == "t-gw");
    BOOST_TEST(ok["mode"] == "local");
    BOOST_TEST(ok["credential"]["kind"] == "nfc_uid");
    BOOST_TEST(ok["credential"]["ref"].get<std::string>().size() == 8u);
    BOOST_TEST(std::regex_match(ok["event_id"].get<std::string>(),
                                std::regex("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")));
    BOOST_TEST(std::regex_match(ok["time"].get<std::string>(),
                                std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00)")));
    BOOST_TEST(ok["latency_us"].get<int64_t>() >= 0);
    BOOST_TEST(dorm[1]["reason"] == "not_permitted");
    BOOST_TEST(dorm[2]["reason"] == "lost");
    BOOST_TEST(dorm[3]["reason"] == "unknown_credential");
    BOOST_TEST(!dorm[3].contains("person"));
    BOOST_TEST(dorm[4]["reason"] == "malformed");
}

BOOST_FIXTURE_TEST_CASE(canteen_quota_door_and_reader_answers, TapSession) {
    const auto canteen = at("canteen-till");
    BOOST_REQUIRE_EQUAL(canteen.size(), 2u);
    BOOST_TEST(canteen[0]["_topic"] == kBase + "/access/canteen/canteen-till");
    BOOST_TEST(canteen[0]["decision"] == "allow");
    BOOST_TEST(canteen[0]["meal"]["window"] == "allday");
    BOOST_TEST(canteen[1]["reason"] == "quota_exceeded");
    // mqtt_door: the allowed dorm pass opens the door once; the four denies leave it shut
    const auto door = payloads_on("doors/d1/cmd");
    BOOST_REQUIRE_EQUAL(door.size(), 1u);
    BOOST_TEST(door[0] == R"({"action":"open"})");
    const auto r1 = payloads_on("readers/r1/tag/decision");
    BOOST_REQUIRE_EQUAL(r1.size(), 5u);
    BOOST_TEST(r1[0] == R"({"decision":"allow","reason":"ok"})");
    BOOST_TEST(r1[4] == R"({"decision":"deny","reason":"malformed"})");
    BOOST_TEST(payloads_on("readers/r2/tag/decision").size() == 2u);
}

BOOST_FIXTURE_TEST_CASE(retained_availability_and_info, TapSession) {
    const auto avail = payloads_on(kBase + "/devices/reader-1/availability");
    BOOST_REQUIRE(!avail.empty());
    BOOST_TEST(json::parse(avail.front())["state"] == "unknown");  // until it spoke
    BOOST_TEST(json::parse(avail.back())["state"] == "online");
    const auto info = payloads_on(kBase + "/info");
    BOOST_REQUIRE(!info.empty());
    const auto i = json::parse(info.back());
    BOOST_TEST(i["roster"]["cursor"] == "0000000000000001");
    BOOST_TEST(i["devices"]["total"] == 3);
    BOOST_TEST(i.contains("outbox"));
}

BOOST_FIXTURE_TEST_CASE(no_raw_uid_in_payloads_logs_or_database, TapSession) {
    for (const auto& m : all.messages()) {
        if (m.topic.starts_with("readers/") && !m.topic.ends_with("/decision")) continue;
        BOOST_TEST(!contains_raw_uid(m.payload), m.topic);
        BOOST_TEST(m.payload.find("张") == std::string::npos, m.topic);  // nor the name
    }
    gw->process().terminate(5s);
    const std::string log = gw->log();
    BOOST_TEST(log.find("decision") != std::string::npos);  // debug decisions were logged...
    BOOST_TEST(!contains_raw_uid(log));                       // ...without raw UIDs
    BOOST_TEST(log.find("malformed reader payload") != std::string::npos);
    const std::string db =
        slurp(w.dir / "state" / "campusgw.db") + slurp(w.dir / "state" / "campusgw.db-wal");
    BOOST_TEST(!contains_raw_uid(db));
}

BOOST_AUTO_TEST_CASE(last_will_marks_a_killed_gateway_offline) {
    World w;
    MqttProbe status(w.broker.host(), w.broker.port(), kBase + "/status");
    BOOST_REQUIRE(status.wait_subscribed(5s));
    GatewayProcess gw(w.config, w.log);
    BOOST_REQUIRE(w.wait_online(status));
    status.clear();
    gw.process().kill();  // SIGKILL: no goodbye, the broker must publish the will
    BOOST_REQUIRE(status.wait_for(1, 10s));
    BOOST_TEST(json::parse(status.messages().back().payload)["state"] == "offline");
    // and it is retained: a newcomer sees it
    MqttProbe later(w.broker.host(), w.broker.port(), kBase + "/status");
    BOOST_REQUIRE(later.wait_for(1, 5s));
    BOOST_TEST(later.messages()[0].retained);
    BOOST_TEST(json::parse(later.messages()[0].payload)["state"] == "offline");
}

BOOST_AUTO_TEST_CASE(sigterm_stops_cleanly_and_says_offline) {
    World w;
    MqttProbe status(w.broker.host(), w.broker.port(), kBase + "/status");
    BOOST_REQUIRE(status.wait_subscribed(5s));
    GatewayProcess gw(w.config, w.log);
    BOOST_REQUIRE(w.wait_online(status));
    gw.process().signal(SIGTERM);
    auto rc = gw.process().wait_for(10s);
    BOOST_REQUIRE(rc.has_value());
    BOOST_TEST(*rc == 0);
    BOOST_TEST(gw.log().find("campusgw stopped") != std::string::npos);
    BOOST_REQUIRE(status.wait_for(2, 5s));
    BOOST_TEST(json::parse(status.messages().back().payload)["state"] == "offline");
}

BOOST_AUTO_TEST_CASE(broker_outage_loses_nothing_and_keeps_seq_order) {
    // A simulated reader taps 40 cards while the broker is down; a durable subscriber
    // (persistent session) must receive all 40 events after the broker returns, in seq order.
    std::string taps;
    for (int i = 0; i < 40; ++i) taps += std::string(i ? ", " : "") + "\"" + (i % 2 ? kResident : kUnknown) + "\"";
    const std::string sim = "[[zone]]\nid = \"gate\"\nkind = \"gate\"\n"
                            "[[point]]\nid = \"gate-1\"\nzone = \"gate\"\ndevice = \"sim-1\"\n"
                            "[[device]]\nid = \"sim-1\"\ndriver = \"sim\"\ntaps = [" + taps + "]\n"
                            "interval = \"20ms\"\nstart_delay = \"1500ms\"\n";
    MosquittoBrokerOptions o;
    o.persistence = true;
    World w(o, sim);
    MqttProbeOptions po;
    po.client_id = "outage-probe";
    po.clean_session = false;
    auto probe = std::make_unique<MqttProbe>(w.broker.host(), w.broker.port(),
                                             kBase + "/access/#", po);
    BOOST_REQUIRE(probe->wait_subscribed(5s));
    MqttProbe status(w.broker.host(), w.broker.port(), kBase + "/status");
    GatewayProcess gw(w.config, w.log);
    BOOST_REQUIRE(w.wait_online(status));
    w.broker.stop();                      // taps start 1.5 s after the gateway did
    std::this_thread::sleep_for(3500ms);  // all 40 taps happen while the broker is away
    BOOST_TEST(gw.log().find("broker lost") != std::string::npos);
    w.broker.start();
    BOOST_REQUIRE_MESSAGE(probe->wait_for(40, 20s), "events received: " << probe->count());
    // at least once: re-sends may repeat a seq, but every new seq is the next one
    std::set<uint64_t> seen;
    bool in_order = true;
    uint64_t expect = 0;
    for (const auto& e : events_of(*probe)) {
        const auto s = e["seq"].get<uint64_t>();
        if (seen.count(s)) continue;
        if (!seen.empty() && s != expect) in_order = false;
        seen.insert(s);
        expect = s + 1;
    }
    BOOST_TEST(seen.size() == 40u);
    BOOST_TEST(in_order);
}

BOOST_AUTO_TEST_CASE(sighup_with_a_broken_config_keeps_running) {
    World w;
    MqttProbe all(w.broker.host(), w.broker.port(), "#");
    BOOST_REQUIRE(all.wait_subscribed(5s));
    GatewayProcess gw(w.config, w.log);
    BOOST_REQUIRE(w.wait_online(all));
    const std::string good = slurp(w.config);
    write(w.config, good + "[[zone]]\nid = \"dorm3\"\nkind = \"dorm\"\nalow_groups = [\"x\"]\n");
    gw.process().signal(SIGHUP);
    BOOST_REQUIRE(gw.wait_log("reload rejected; keeping the running configuration", 5s));
    BOOST_TEST(gw.log().find("campusgw.toml:") != std::string::npos);  // file:line:col
    all.publish("readers/r1/tag", kResident);  // still deciding with the old config
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (events_of(all).empty() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(20ms);
    BOOST_REQUIRE_EQUAL(events_of(all).size(), 1u);
    BOOST_TEST(events_of(all)[0]["decision"] == "allow");
    // a valid change is applied: the dorm now admits dorm:5 as well
    std::string changed = good;
    changed.replace(changed.find("[\"dorm:3\"]"), 10, "[\"dorm:3\", \"dorm:5\"]");
    write(w.config, changed);
    gw.process().signal(SIGHUP);
    BOOST_REQUIRE(gw.wait_log("configuration reloaded", 5s));
    std::this_thread::sleep_for(200ms);  // devices re-subscribe
    all.publish("readers/r1/tag", kOutsider);
    const auto d2 = std::chrono::steady_clock::now() + 5s;
    while (events_of(all).size() < 2 && std::chrono::steady_clock::now() < d2)
        std::this_thread::sleep_for(20ms);
    BOOST_REQUIRE_EQUAL(events_of(all).size(), 2u);
    BOOST_TEST(events_of(all)[1]["decision"] == "allow");
}

BOOST_AUTO_TEST_CASE(invalid_config_is_refused_with_exit_78) {
    TempDir dir("campusgw-badcfg");
    write(dir / "bad.toml", "[site]\nid = \"s\"\ntimezone = \"Asia/Shanghai\"\n[gateway]\nid = \"g\"\n"
                            "[[point]]\nid = \"p\"\nzone = \"nowhere\"\ndevice = \"d\"\n");
    auto check = run_campusgw({"check-config", (dir / "bad.toml").string()}, dir.path());
    BOOST_TEST(check.exit_code == 78);
    BOOST_TEST(check.output.find("bad.toml:") != std::string::npos, check.output);
    BOOST_TEST(check.output.find("nowhere") != std::string::npos, check.output);
    auto run = run_campusgw({"run", "--config", (dir / "bad.toml").string()}, dir.path());
    BOOST_TEST(run.exit_code == 78);
    auto usage = run_campusgw({"frobnicate"}, dir.path());
    BOOST_TEST(usage.exit_code == 64);
    BOOST_TEST(usage.output.find("unknown command 'frobnicate'") != std::string::npos);
    auto example = run_campusgw(
        {"check-config", std::string(GW_SOURCE_DIR) + "/config/campusgw.example.toml"}, dir.path());
    BOOST_TEST(example.exit_code == 0, example.output);
}

BOOST_AUTO_TEST_CASE(info_follows_a_roster_change_and_a_lost_card_is_denied_at_once) {
    World w;
    MqttProbe all(w.broker.host(), w.broker.port(), "#");
    BOOST_REQUIRE(all.wait_subscribed(5s));
    GatewayProcess gw(w.config, w.log);
    BOOST_REQUIRE(w.wait_online(all));
    // 挂失 while running: a delta page marks the resident's card lost
    write(w.dir / "delta.json",
          R"({"site":"t-site","cursor":"0000000000000002","full":false,"more":false,"persons":[],)"
          R"("credentials":[{"id":"c-1","person":"p-res","kind":"nfc_uid","uid":")" + kResident +
              R"(","status":"lost"}]})");
    auto r = run_campusgw({"roster", "import", (w.dir / "delta.json").string(), "--config",
                           w.config.string()},
                          w.dir.path());
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.output);
    all.publish("readers/r1/tag", kResident);
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    bool info_updated = false;
    while (std::chrono::steady_clock::now() < deadline && (!info_updated || events_of(all).empty())) {
        for (const auto& m : all.messages())
            if (m.topic == kBase + "/info" &&
                json::parse(m.payload)["roster"]["cursor"] == "0000000000000002")
                info_updated = true;
        std::this_thread::sleep_for(20ms);
    }
    BOOST_TEST(info_updated);
    BOOST_REQUIRE_EQUAL(events_of(all).size(), 1u);
    BOOST_TEST(events_of(all)[0]["reason"] == "lost");
    BOOST_TEST(events_of(all)[0]["person"]["id"] == "p-res");
}

namespace {

/// The receiving end of systemd's notification socket, as a test-owned datagram socket.
class FakeNotifySocket {
public:
    explicit FakeNotifySocket(const std::filesystem::path& path) : path_(path.string()) {
        fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_un sa{};
        sa.sun_family = AF_UNIX;
        std::strncpy(sa.sun_path, path_.c_str(), sizeof sa.sun_path - 1);
        BOOST_REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&sa), sizeof sa) == 0);
        timeval tv{0, 100'000};
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    }
    ~FakeNotifySocket() { ::close(fd_); }
    /// Collects datagrams until `text` was seen in one of them or `timeout` passed.
    bool wait_for(const std::string& text, std::chrono::milliseconds timeout) {
        const auto end = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < end) {
            char buf[512];
            const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
            if (n > 0) received_.emplace_back(buf, static_cast<size_t>(n));
            for (const auto& m : received_)
                if (m.find(text) != std::string::npos) return true;
        }
        return false;
    }
    size_t count(const std::string& text) const {
        size_t c = 0;
        for (const auto& m : received_) c += m.find(text) != std::string::npos;
        return c;
    }

private:
    std::string path_;
    int fd_ = -1;
    std::vector<std::string> received_;
};

}  // namespace

BOOST_AUTO_TEST_CASE(systemd_ready_status_watchdog_and_stopping) {
    World w;
    FakeNotifySocket notify(w.dir / "notify.sock");
    ::setenv("NOTIFY_SOCKET", (w.dir / "notify.sock").c_str(), 1);
    ::setenv("WATCHDOG_USEC", "400000", 1);  // feed every 200 ms
    GatewayProcess gw(w.config, w.log);
    ::unsetenv("NOTIFY_SOCKET");
    ::unsetenv("WATCHDOG_USEC");
    BOOST_REQUIRE(notify.wait_for("READY=1", 5s));
    BOOST_TEST(notify.count("STATUS=devices ") >= 1u);
    BOOST_REQUIRE(notify.wait_for("mqtt connected", 5s));
    std::this_thread::sleep_for(1s);
    notify.wait_for("never sent", 200ms);
    BOOST_TEST(notify.count("WATCHDOG=1") >= 3u);
    gw.process().signal(SIGTERM);
    BOOST_TEST(notify.wait_for("STOPPING=1", 5s));
    BOOST_TEST(gw.process().wait_for(5s).value_or(-1) == 0);
}

BOOST_AUTO_TEST_CASE(libnfc_reader_through_a_pn532_emulator) {
    gw::test::pn532::Pn532Emulator emu;
    const std::string nfc = "[[zone]]\nid = \"lab\"\nkind = \"gate\"\n"
                            "[[point]]\nid = \"lab-door\"\nzone = \"lab\"\ndevice = \"nfc-1\"\n"
                            "[[device]]\nid = \"nfc-1\"\ndriver = \"libnfc\"\n"
                            "connstring = \"pn532_uart:" + emu.path() + "\"\n"
                            "card_security = \"uid\"\npoll_interval = \"50ms\"\n";
    World w({}, nfc);
    MqttProbe all(w.broker.host(), w.broker.port(), kBase + "/#");
    BOOST_REQUIRE(all.wait_subscribed(5s));
    GatewayProcess gw(w.config, w.log);
    BOOST_REQUIRE(w.wait_online(all));
    auto lab_events = [&] {
        std::vector<json> out;
        for (const auto& e : events_of(all))
            if (e["point"] == "lab-door") out.push_back(e);
        return out;
    };
    auto wait_events = [&](size_t n) {
        const auto end = std::chrono::steady_clock::now() + 5s;
        while (lab_events().size() < n && std::chrono::steady_clock::now() < end)
            std::this_thread::sleep_for(20ms);
        return lab_events().size();
    };
    gw::test::pn532::Card card;
    card.uid = {0x04, 0xa1, 0xb2, 0xc3, 0xd4, 0xe5, 0xf6};  // kResident
    emu.place_card(card);
    BOOST_REQUIRE_EQUAL(wait_events(1), 1u);
    const auto e = lab_events()[0];
    BOOST_TEST(e["_topic"] == kBase + "/access/gate/lab-door");
    BOOST_TEST(e["decision"] == "allow");
    BOOST_TEST(e["person"]["id"] == "p-res");
    BOOST_TEST(e["device"] == "nfc-1");
    std::this_thread::sleep_for(600ms);  // a card left on the reader is presented once
    BOOST_TEST(lab_events().size() == 1u);
    emu.remove_card();
    std::this_thread::sleep_for(300ms);
    emu.place_card(card);  // a second visit is a second presentation
    BOOST_TEST(wait_events(2) == 2u);
    bool online = false;
    for (const auto& m : all.messages())
        if (m.topic == kBase + "/devices/nfc-1/availability" &&
            json::parse(m.payload)["state"] == "online")
            online = true;
    BOOST_TEST(online);
    BOOST_TEST(gw.log().find("card_security=uid") != std::string::npos);
    BOOST_TEST(!contains_raw_uid(gw.log()));
}

BOOST_AUTO_TEST_CASE(gpio_door_without_its_chip_is_offline_and_says_why) {
    // The gpio driver through the composition root: no such chip on this machine, so the
    // door output is offline with the reason, and the gateway runs on.
    World w({}, "[[device]]\nid = \"relay-9\"\ndriver = \"gpio\"\nchip = \"gpiochip99\"\n"
                "line = 17\npulse = \"2s\"\nsensor_line = 27\n");
    MqttProbe avail(w.broker.host(), w.broker.port(), kBase + "/devices/relay-9/availability");
    BOOST_REQUIRE(avail.wait_subscribed(5s));
    GatewayProcess gw(w.config, w.log);
    // The first availability may still be the "unknown" every device starts with.
    json j = json::object();
    const auto end = std::chrono::steady_clock::now() + 10s;
    while (std::chrono::steady_clock::now() < end && j.value("state", "") != "offline") {
        for (const auto& m : avail.messages()) j = json::parse(m.payload);
        std::this_thread::sleep_for(20ms);
    }
    BOOST_TEST(j["state"] == "offline");
    BOOST_TEST(j["detail"].get<std::string>().find("gpiochip99 line 17") != std::string::npos,
               j.dump());
    BOOST_TEST(gw.log().find("door output unavailable; retrying") != std::string::npos);
    BOOST_TEST(gw.process().running());
}
