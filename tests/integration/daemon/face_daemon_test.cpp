// End to end for face terminals: the real campusgw, a real mosquitto, the Hikvision and
// ZKTeco emulators and a photo server on 127.0.0.1. Asserts what campus systems, admins
// and the terminals see: MQTT events, device events, the terminal's lists, log lines,
// and what is (not) left in the state directory.
#define BOOST_TEST_MODULE face_daemon
#include <boost/test/unit_test.hpp>

#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "gateway_process.hpp"
#include "probe_queries.hpp"
#include "hikvision_emulator.hpp"
#include "http_fixture_server.hpp"
#include "test_jpeg.hpp"
#include "tests/support/mosquitto_broker.hpp"
#include "tests/support/mqtt_probe.hpp"
#include "tests/support/tcp_port.hpp"
#include "tests/support/temp_dir.hpp"
#include "zkteco_emulator.hpp"

using namespace gw::test;
using namespace std::chrono_literals;
using json = nlohmann::json;

namespace {

const std::string kBase = "campus/v1/t-site/t-gw";
const std::string kPushPath = "/isapi/face-1/7d1f0c3e";
const std::string kCardUid = "A1B2C3D4";       // p-res's card; the terminal says 2712847316
const std::string kSerial = "CQUJ201960001";

void write(const std::filesystem::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
}

std::string rfc3339_utc(std::chrono::system_clock::time_point t) {
    const std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

struct Photos {
    std::map<std::string, std::string> files;
    std::unique_ptr<HttpFixtureServer> server;
    Photos() {
        files["/photos/good.jpg"] = make_jpeg(480, 640);
        files["/photos/good2.jpg"] = make_jpeg(480, 640, 70);
        files["/photos/big.jpg"] = make_jpeg(1200, 1600, 100, true);
        files["/photos/text.jpg"] = "this is not a photo";
        server = std::make_unique<HttpFixtureServer>([this](const FixtureRequest& r) {
            auto it = files.find(r.target);
            if (it == files.end()) return FixtureResponse{404, "text/plain", "no", {}};
            return FixtureResponse{200, "image/jpeg", it->second, {}};
        });
    }
    std::string url(const std::string& name) const { return server->url() + "/photos/" + name; }
};

json person(const std::string& id, json groups, const std::string& status = "active") {
    return {{"id", id}, {"role", "student"}, {"status", status}, {"groups", groups},
            {"valid_from", "2024-09-01"}, {"valid_to", "2099-07-31"}, {"display", "张*明"}};
}

json face(const std::string& id, const std::string& p, const std::string& url,
          const std::string& status = "active") {
    return {{"id", id}, {"person", p}, {"kind", "face"}, {"status", status}, {"photo_url", url}};
}

json page(bool full, json persons, json creds, json deleted_persons = json::array()) {
    return {{"site", "t-site"}, {"cursor", full ? "0000000000000001" : "0000000000000002"},
            {"full", full}, {"more", false}, {"persons", persons}, {"credentials", creds},
            {"deleted", {{"persons", deleted_persons}, {"credentials", json::array()}}}};
}

/// Broker, photo server, Hikvision terminal, config, roster, timetable; then the gateway.
struct FaceWorld {
    TempDir dir{"campusgw-face"};
    MosquittoBroker broker;
    Photos photos;
    HikvisionEmulator hik{"admin", "Terminal-Pass1"};
    uint16_t push_port = find_free_port();
    uint16_t closed_port = find_free_port();
    uint16_t zk_port = find_free_port();
    uint16_t metrics_port = find_free_port();
    std::filesystem::path config = dir / "campusgw.toml";
    std::filesystem::path log = dir / "gateway.log";
    std::filesystem::path state = dir / "state";
    std::unique_ptr<MqttProbe> probe;
    std::unique_ptr<GatewayProcess> gw;

    FaceWorld() {
        broker.start();
        write(dir / "face.pass", "Terminal-Pass1\n");
        write(dir / "push.pass", "Push-Pass2\n");
        write(config, config_text());
        hik.add_person("p-stale");  // on the terminal, not in the roster
        import(page(true,
                    {person("p-res", {"dorm:3", "class:cs-1"}), person("p-out", {"dorm:5"}),
                     person("p-big", {"dorm:3"}), person("p-txt", {"dorm:3"}),
                     person("p-lost", {"dorm:3"}), person("p-grad", {"dorm:3", "class:cs-1"})},
                    {face("f-res", "p-res", photos.url("good.jpg")),
                     {{"id", "c-res"}, {"person", "p-res"}, {"kind", "nfc_uid"}, {"uid", kCardUid},
                      {"status", "active"}},
                     face("f-out", "p-out", photos.url("good.jpg")),
                     face("f-big", "p-big", photos.url("big.jpg")),
                     face("f-txt", "p-txt", photos.url("text.jpg")),
                     face("f-lost", "p-lost", photos.url("good.jpg"), "lost"),
                     face("f-grad", "p-grad", photos.url("good2.jpg"))}));
        const auto now = std::chrono::system_clock::now();
        json tt = {{"sessions", json::array({{{"id", "s-1"}, {"title", "x"}, {"group", "class:cs-1"},
                                              {"points", {"class-101"}},
                                              {"start", rfc3339_utc(now + 5min)},
                                              {"end", rfc3339_utc(now + 60min)}}})}};
        write(dir / "tt.json", tt.dump());
        auto r = run_campusgw({"timetable", "import", (dir / "tt.json").string(), "--config",
                               config.string()}, dir.path());
        BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.output);
        probe = std::make_unique<MqttProbe>(broker.host(), broker.port(), "#");
        BOOST_REQUIRE(probe->wait_subscribed(5s));
        gw = std::make_unique<GatewayProcess>(config, log);
    }

    std::string config_text() const {
        const auto d = dir.path().string();
        return "[site]\nid = \"t-site\"\nname = \"Test\"\ntimezone = \"Asia/Shanghai\"\n"
               "[gateway]\nid = \"t-gw\"\nstate_dir = \"" + state.string() + "\"\n"
               "[log]\nlevel = \"debug\"\n"
               "[mqtt]\nurl = \"" + broker.url() + "\"\nreconnect_min = \"100ms\"\nreconnect_max = \"1s\"\n"
               "[metrics]\nlisten = \"127.0.0.1:" + std::to_string(metrics_port) + "\"\n"
               "[[zone]]\nid = \"dorm3\"\nkind = \"dorm\"\nallow_groups = [\"dorm:3\"]\n"
               "[[zone]]\nid = \"classrooms\"\nkind = \"attendance\"\n"
               "[[point]]\nid = \"dorm3-face\"\nzone = \"dorm3\"\ndevice = \"face-1\"\ndoor = \"face-1\"\n"
               "clock_unsynced = \"allow\"\n"
               "[[point]]\nid = \"dorm3-side\"\nzone = \"dorm3\"\ndevice = \"face-2\"\n"
               "[[point]]\nid = \"class-101\"\nzone = \"classrooms\"\ndevice = \"zk-1\"\n"
               "clock_unsynced = \"allow\"\n"
               "[[device]]\nid = \"face-1\"\ndriver = \"hikvision\"\naddress = \"" + hik.url() + "\"\n"
               "username = \"admin\"\npassword_file = \"" + d + "/face.pass\"\ndoor = 1\n"
               "min_face_score = 0.85\npush_listen = \"127.0.0.1:" + std::to_string(push_port) + "\"\n"
               "push_path = \"" + kPushPath + "\"\nallow_from = [\"127.0.0.1\"]\n"
               "push_username = \"terminal\"\npush_password_file = \"" + d + "/push.pass\"\n"
               "poll_interval = \"200ms\"\nsync_interval = \"300ms\"\n"
               "[[device]]\nid = \"face-2\"\ndriver = \"hikvision\"\naddress = \"http://127.0.0.1:" +
               std::to_string(closed_port) + "\"\npush_listen = \"127.0.0.1:" +
               std::to_string(closed_port) + "\"\nallow_from = [\"192.168.10.0/24\"]\n"
               "poll_interval = \"10s\"\nsync_interval = \"1h\"\n"
               "[[device]]\nid = \"zk-1\"\ndriver = \"zkteco\"\nserial_number = \"" + kSerial + "\"\n"
               "push_listen = \"127.0.0.1:" + std::to_string(zk_port) + "\"\nallow_from = [\"127.0.0.1\"]\n"
               "poll_interval = \"1s\"\nsync_interval = \"300ms\"\n";
    }

    void import(const json& p) {
        write(dir / "roster.json", p.dump());
        auto r = run_campusgw({"roster", "import", (dir / "roster.json").string(), "--config",
                               config.string()}, dir.path());
        BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.output);
    }

    std::string push_url() const { return "http://127.0.0.1:" + std::to_string(push_port) + kPushPath; }
    int push(const std::string& ev, bool picture = true, const std::string& part = "event_log") {
        return HikvisionEmulator::push(push_url(), ev, picture, part, "terminal", "Push-Pass2");
    }

    std::vector<json> payloads(const std::string& topic_part) const {
        return gw::test::payloads(*probe, topic_part);
    }
    std::vector<json> wait_events(const std::string& topic_part, size_t n) const {
        return wait_payloads(*probe, topic_part, n);
    }
    /// The `health` response's entry for `device` (mqtt-v1 §4).
    json health_device(const std::string& device) const {
        return gw::test::health_device(*probe, kBase, device);
    }
    /// The value of one sample of GET /metrics (-1 when absent).
    double metric(const std::string& name_and_labels) const {
        return gw::test::metric(metrics_port, name_and_labels);
    }
    bool wait_online(const std::string& device) const {
        const auto end = std::chrono::steady_clock::now() + 10s;
        while (std::chrono::steady_clock::now() < end) {
            for (const auto& p : payloads("/devices/" + device + "/availability"))
                if (p["state"] == "online") return true;
            std::this_thread::sleep_for(20ms);
        }
        return false;
    }
    template <class Pred>
    bool eventually(Pred pred, std::chrono::milliseconds timeout = 10s) const {
        const auto end = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < end) {
            if (pred()) return true;
            std::this_thread::sleep_for(50ms);
        }
        return pred();
    }
};

std::set<std::string> keys(const auto& m) {
    std::set<std::string> out;
    for (const auto& [k, v] : m) out.insert(k);
    return out;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(hikvision, FaceWorld)

BOOST_AUTO_TEST_CASE(face_and_card_pushes_become_decisions_and_door_opens) {
    BOOST_REQUIRE(wait_online("face-1"));
    BOOST_TEST(push(HikvisionEmulator::face_event("p-res", 0.93, 101)) == 200);
    BOOST_TEST(push(HikvisionEmulator::face_event("p-res", 0.93, 101)) == 200);  // retried push
    BOOST_TEST(push(HikvisionEmulator::face_event("p-res", 0.70, 102), false, "AccessControllerEvent") == 200);
    BOOST_TEST(push(HikvisionEmulator::face_event("p-ghost", 0.99, 103)) == 200);
    BOOST_TEST(push(HikvisionEmulator::face_event("", std::nullopt, 104, 76)) == 200);
    BOOST_TEST(push(HikvisionEmulator::card_event("2712847316", 105)) == 200);
    BOOST_TEST(push(HikvisionEmulator::face_event("", std::nullopt, 106, 21)) == 200);  // door event
    const auto ev = wait_events("/access/dorm/dorm3-face", 5);
    BOOST_REQUIRE_EQUAL(ev.size(), 5u);
    BOOST_TEST(ev[0]["decision"] == "allow");
    BOOST_TEST(ev[0]["credential"]["kind"] == "face");
    BOOST_TEST(ev[0]["person"]["id"] == "p-res");
    BOOST_TEST(ev[0]["device"] == "face-1");
    BOOST_TEST(ev[1]["reason"] == "face_score_low");
    BOOST_TEST(ev[1]["person"]["id"] == "p-res");
    BOOST_TEST(ev[2]["reason"] == "unknown_credential");
    BOOST_TEST(!ev[2].contains("person"));
    BOOST_TEST(ev[2]["credential"]["ref"] != "p-ghost");
    BOOST_TEST(ev[3]["reason"] == "unknown_credential");
    BOOST_TEST(ev[4]["decision"] == "allow");
    BOOST_TEST(ev[4]["credential"]["kind"] == "nfc_uid");
    // Two allows: two door opens, each through the emulator's Digest check.
    BOOST_REQUIRE(eventually([&] { return hik.door_requests().size() == 2; }));
    BOOST_TEST(hik.door_requests()[0].find("PUT /ISAPI/AccessControl/RemoteControl/door/1 ") == 0u);
    BOOST_TEST(hik.door_requests()[0].find("<cmd>open</cmd>") != std::string::npos);
    BOOST_TEST(hik.auth_failures() == 0u);
    const auto logs = gw->log();
    BOOST_TEST(logs.find("p-ghost") == std::string::npos);
    BOOST_TEST(logs.find("2712847316") == std::string::npos);
    // The terminal's refusals: one low score, two faces of no one known.
    const auto d = health_device("face-1");
    BOOST_REQUIRE_MESSAGE(d.contains("refused"), d.dump());
    BOOST_TEST(d["refused"]["face_score_low"] == 1);
    BOOST_TEST(d["refused"]["unknown_person"] == 2);
    BOOST_TEST(d["refused"]["push_unauthorized"] == 0);
    BOOST_TEST(metric(R"(campusgw_device_refused_total{device="face-1",reason="face_score_low"})") == 1);
    BOOST_TEST(metric(R"(campusgw_device_refused_total{device="face-1",reason="unknown_person"})") == 2);
}

BOOST_AUTO_TEST_CASE(unauthenticated_foreign_and_malformed_pushes_are_refused_and_counted) {
    BOOST_REQUIRE(wait_online("face-1"));
    const auto ev = HikvisionEmulator::face_event("p-res", 0.99, 201);
    BOOST_TEST(HikvisionEmulator::push(push_url(), ev, true) == 401);  // no credentials
    BOOST_TEST(HikvisionEmulator::push(push_url(), ev, true, "event_log", "terminal", "guess") == 401);
    BOOST_TEST(HikvisionEmulator::push("http://127.0.0.1:" + std::to_string(push_port) + "/other",
                                       ev, true, "event_log", "terminal", "Push-Pass2") == 404);
    // face-2 accepts only 192.168.10.0/24.
    BOOST_TEST(HikvisionEmulator::push("http://127.0.0.1:" + std::to_string(closed_port) + "/", ev,
                                       false) == 403);
    auto [code, body] = http_call("POST", push_url(), "multipart/form-data; boundary=x", "garbage");
    BOOST_TEST(code == 401);  // credentials are checked before anything is parsed
    BOOST_TEST(push("{\"AccessControllerEvent\": [", false) == 400);
    for (const auto& line : {"push refused why=\"address not allowed\" peer=127.0.0.1 count=1",
                              "push refused why=\"bad credentials\" peer=127.0.0.1 count=1",
                              "push refused why=\"unknown path\" peer=127.0.0.1 count=1",
                              "push refused why=\"malformed request\" peer=127.0.0.1 count=1",
                              "malformed event push why="})
        BOOST_TEST(gw->wait_log(line, 5s), line);
    std::this_thread::sleep_for(300ms);
    BOOST_TEST(payloads("/access/").empty());  // nothing refused was decided
    // Counted where an operator looks: health's device entries and /metrics.
    const auto d1 = health_device("face-1");
    BOOST_REQUIRE_MESSAGE(d1.contains("refused"), d1.dump());
    BOOST_TEST(d1["refused"]["push_unauthorized"] == 1);  // wrong password (no credentials: a challenge)
    BOOST_TEST(d1["refused"]["push_unknown_path"] == 1);
    BOOST_TEST(d1["refused"]["push_malformed"] == 1);
    BOOST_TEST(d1["refused"]["push_forbidden"] == 0);
    BOOST_TEST(d1["refused"]["face_score_low"] == 0);
    // face-2's address is its own listener's port: its health polls are refused there too.
    BOOST_TEST(health_device("face-2")["refused"]["push_forbidden"] >= 1);
    const std::string m = "campusgw_device_refused_total{device=";
    BOOST_TEST(metric(m + R"("face-2",reason="push_forbidden"})") >= 1);
    BOOST_TEST(metric(m + R"("face-1",reason="push_unauthorized"})") == 1);
    BOOST_TEST(metric(m + R"("face-1",reason="push_malformed"})") == 1);
    BOOST_TEST(metric(m + R"("face-1",reason="push_too_large"})") == 0);
}

BOOST_AUTO_TEST_CASE(enrolment_follows_the_roster_and_leaves_no_photo) {
    // First sync: dorm:3 persons with an active face; p-stale removed; bad photos refused.
    BOOST_REQUIRE(eventually([&] {
        return keys(hik.persons()) == std::set<std::string>{"p-big", "p-grad", "p-res", "p-txt"} &&
               keys(hik.faces()) == std::set<std::string>{"p-grad", "p-res"};
    }));
    const auto refused = wait_events("/devices/face-1/event", 2);
    std::set<std::string> reasons;
    for (const auto& e : refused) {
        BOOST_TEST(e["event"] == "enrolment_refused");
        BOOST_TEST(e["credential_ref"].get<std::string>().size() == 8u);
        reasons.insert(e["reason"].get<std::string>());
    }
    BOOST_TEST((reasons == std::set<std::string>{"photo_not_jpeg", "photo_too_large"}));
    BOOST_TEST(hik.persons()["p-res"].name == "张*明");
    // New student, 挂失 of p-res's face, graduation of p-grad.
    import(page(false, {person("p-new", {"dorm:3"}), person("p-grad", {"dorm:3"}, "graduated")},
                {face("f-new", "p-new", photos.url("good2.jpg")),
                 face("f-res", "p-res", photos.url("good.jpg"), "lost")}));
    BOOST_REQUIRE(eventually([&] {
        return keys(hik.persons()) == std::set<std::string>{"p-big", "p-new", "p-txt"} &&
               keys(hik.faces()) == std::set<std::string>{"p-new"};
    }));
    BOOST_TEST(gw->log().find("enrolment sync") != std::string::npos);
    // Refused photos are not fetched and sent again at every sync.
    const auto uploads = hik.face_uploads();
    std::this_thread::sleep_for(1s);
    BOOST_TEST(hik.face_uploads() == uploads);
    // No photo on the gateway: no JPEG bytes in any file of the state directory.
    for (const auto& f : std::filesystem::recursive_directory_iterator(state)) {
        if (!f.is_regular_file()) continue;
        const auto content = slurp(f.path());
        BOOST_TEST(content.find("\xFF\xD8\xFF") == std::string::npos, f.path());
        BOOST_TEST(f.path().extension() != ".jpg");
    }
}

BOOST_AUTO_TEST_CASE(terminal_offline_and_back_shows_in_availability) {
    BOOST_REQUIRE(wait_online("face-1"));
    hik.go_offline();
    BOOST_REQUIRE(eventually([&] {
        auto a = payloads("/devices/face-1/availability");
        return !a.empty() && a.back()["state"] == "offline";
    }));
    hik.come_back();
    BOOST_REQUIRE(eventually([&] {
        auto a = payloads("/devices/face-1/availability");
        return !a.empty() && a.back()["state"] == "online";
    }));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(zkteco, FaceWorld)

BOOST_AUTO_TEST_CASE(handshake_attlog_and_user_commands) {
    BOOST_REQUIRE(wait_port_open(zk_port, 5s));
    ZktecoEmulator zk("http://127.0.0.1:" + std::to_string(zk_port), kSerial);
    ZktecoEmulator stranger("http://127.0.0.1:" + std::to_string(zk_port), "OTHER0001");
    BOOST_TEST(stranger.handshake().first == 403);
    auto [code, options] = zk.handshake();
    BOOST_TEST(code == 200);
    BOOST_TEST(options.find("GET OPTION FROM: " + kSerial) == 0u);
    BOOST_TEST(options.find("\nDelay=1\n") != std::string::npos);
    BOOST_REQUIRE(wait_online("zk-1"));
    // Commands: every active face person (attendance zones admit everyone); one fails
    // first and is sent again later.
    zk.fail_next(1);
    const std::set<std::string> want{"p-big", "p-grad", "p-out", "p-res", "p-txt"};
    BOOST_REQUIRE(eventually([&] {
        zk.poll();
        return keys(zk.users()) == want;
    }));
    BOOST_TEST(zk.users().at("p-res") == "张*明");
    zk.poll();
    BOOST_TEST(zk.last_poll_answer() == "OK");
    const std::string lines =
        "p-res\t2026-11-23 07:41:05\t0\t15\t0\t0\t0\n"
        "p-out\t2026-11-23 07:41:09\t0\t1\t0\t0\t0\n"
        "p-res\t2026-13-23 07:42:00\t0\t15\t0\t0\t0\n"
        "\tno pin\n";
    auto [up, answer] = zk.upload("ATTLOG", lines);
    BOOST_TEST(up == 200);
    BOOST_TEST(answer == "OK:4");
    const auto ev = wait_events("/access/attendance/class-101", 4);
    BOOST_REQUIRE_EQUAL(ev.size(), 4u);
    BOOST_TEST(ev[0]["decision"] == "allow");
    BOOST_TEST(ev[0]["attendance"]["status"] == "present");
    BOOST_TEST(ev[0]["credential"]["kind"] == "face");
    BOOST_TEST(ev[1]["reason"] == "no_session");  // p-out is not in class:cs-1
    BOOST_TEST(ev[1]["flags"][0] == "verify_fingerprint");
    BOOST_TEST(ev[2]["reason"] == "malformed");
    BOOST_TEST(ev[3]["reason"] == "malformed");
    BOOST_TEST(gw->log().find("malformed record why=\"line 3: bad time\"") != std::string::npos);
    int big = 0;  // the listener answers 413 and closes; the client may see the reset first
    try {
        big = zk.upload("ATTLOG", std::string(5 * 1024 * 1024, 'x')).first;
    } catch (const std::exception&) {
        big = 413;
    }
    BOOST_TEST(big == 413);
    BOOST_TEST(gw->wait_log("push refused why=\"body too large\" peer=127.0.0.1 count=1", 5s));
    BOOST_TEST(health_device("zk-1")["refused"]["push_too_large"] == 1);
    BOOST_TEST(metric(R"(campusgw_device_refused_total{device="zk-1",reason="push_too_large"})") == 1);
    // A PIN of no one in the roster: denied unknown_credential and counted for the terminal.
    BOOST_TEST(health_device("zk-1")["refused"]["unknown_person"] == 0);
    BOOST_TEST(zk.upload("ATTLOG", "p-nobody\t2026-11-23 07:43:00\t0\t15\t0\t0\t0\n").second == "OK:1");
    const auto unknown = wait_events("/access/attendance/class-101", 5);
    BOOST_REQUIRE_EQUAL(unknown.size(), 5u);
    BOOST_TEST(unknown[4]["reason"] == "unknown_credential");
    BOOST_TEST(eventually([&] { return health_device("zk-1")["refused"]["unknown_person"] == 1; }, 3s));
    BOOST_TEST(metric(R"(campusgw_device_refused_total{device="zk-1",reason="unknown_person"})") == 1);
    BOOST_TEST(zk.upload("OPERLOG", "OPLOG 4\t0\t2026-11-23 07:00:00\t0\t0\t0\t0\n").second == "OK");
    // A graduate leaves the terminal within a sync.
    import(page(false, {person("p-grad", {"dorm:3"}, "graduated")}, json::array()));
    BOOST_REQUIRE(eventually([&] {
        zk.poll();
        return !zk.users().count("p-grad");
    }));
}

BOOST_AUTO_TEST_SUITE_END()
