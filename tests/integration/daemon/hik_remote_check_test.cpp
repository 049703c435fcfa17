// End to end for Hikvision remote verification: the real campusgw, a real mosquitto and the
// Hikvision emulator on 127.0.0.1. The terminal asks ("remoteCheck": true) and waits;
// campusgw decides and answers PUT /ISAPI/AccessControl/remoteCheck (Digest) instead of
// opening the door itself. Asserts what the terminal receives, what campus systems see on
// MQTT and what an operator sees when a terminal cannot be answered.
#define BOOST_TEST_MODULE hik_remote_check
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "gateway_process.hpp"
#include "probe_queries.hpp"
#include "hikvision_emulator.hpp"
#include "http_fixture_server.hpp"
#include "tests/support/mosquitto_broker.hpp"
#include "tests/support/mqtt_probe.hpp"
#include "tests/support/tcp_port.hpp"
#include "tests/support/temp_dir.hpp"

using namespace gw::test;
using namespace std::chrono_literals;
using json = nlohmann::json;

namespace {

const std::string kBase = "campus/v1/t-site/t-gw";
const std::string kPushPath = "/isapi/face-1/rc";

void write(const std::filesystem::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
}

json person(const std::string& id, const std::string& group) {
    return {{"id", id}, {"role", "student"}, {"status", "active"}, {"groups", {group}},
            {"valid_from", "2024-09-01"}, {"valid_to", "2099-07-31"}, {"display", "张*明"}};
}

json face(const std::string& id, const std::string& p, uint16_t closed_port) {
    return {{"id", id}, {"person", p}, {"kind", "face"}, {"status", "active"},
            {"photo_url", "http://127.0.0.1:" + std::to_string(closed_port) + "/none.jpg"}};
}

/// Broker, a Hikvision terminal in remote-verification mode (face-1) and one that cannot be
/// reached (face-9, remote_check = "always"); the gateway.
struct RemoteCheckWorld {
    TempDir dir{"campusgw-hikrc"};
    MosquittoBroker broker;
    HikvisionEmulator hik{"admin", "Terminal-Pass1"};
    uint16_t push_port = find_free_port();
    uint16_t far_push_port = find_free_port();
    uint16_t closed_port = find_free_port();
    uint16_t metrics_port = find_free_port();
    std::filesystem::path config = dir / "campusgw.toml";
    std::filesystem::path state = dir / "state";
    std::unique_ptr<MqttProbe> probe;
    std::unique_ptr<GatewayProcess> gw;

    RemoteCheckWorld() {
        broker.start();
        write(dir / "face.pass", "Terminal-Pass1\n");
        write(dir / "push.pass", "Push-Pass2\n");
        write(config, config_text());
        json roster = {{"site", "t-site"}, {"cursor", "0000000000000001"}, {"full", true},
                       {"more", false},
                       {"persons", {person("p-res", "dorm:3"), person("p-out", "dorm:5")}},
                       {"credentials", {face("f-res", "p-res", closed_port),
                                        face("f-out", "p-out", closed_port)}},
                       {"deleted", {{"persons", json::array()}, {"credentials", json::array()}}}};
        write(dir / "roster.json", roster.dump());
        auto r = run_campusgw({"roster", "import", (dir / "roster.json").string(), "--config",
                               config.string()}, dir.path());
        BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.output);
        probe = std::make_unique<MqttProbe>(broker.host(), broker.port(), "#");
        BOOST_REQUIRE(probe->wait_subscribed(5s));
        gw = std::make_unique<GatewayProcess>(config, dir / "gateway.log");
    }

    std::string config_text() const {
        const auto d = dir.path().string();
        return "[site]\nid = \"t-site\"\nname = \"Test\"\ntimezone = \"Asia/Shanghai\"\n"
               "[gateway]\nid = \"t-gw\"\nstate_dir = \"" + state.string() + "\"\n"
               "[log]\nlevel = \"debug\"\n"
               "[mqtt]\nurl = \"" + broker.url() + "\"\nreconnect_min = \"100ms\"\nreconnect_max = \"1s\"\n"
               "[metrics]\nlisten = \"127.0.0.1:" + std::to_string(metrics_port) + "\"\n"
               "[[zone]]\nid = \"dorm3\"\nkind = \"dorm\"\nallow_groups = [\"dorm:3\"]\n"
               "[[point]]\nid = \"dorm3-face\"\nzone = \"dorm3\"\ndevice = \"face-1\"\ndoor = \"face-1\"\n"
               "clock_unsynced = \"allow\"\n"
               "[[point]]\nid = \"dorm3-far\"\nzone = \"dorm3\"\ndevice = \"face-9\"\ndoor = \"face-9\"\n"
               "clock_unsynced = \"allow\"\n"
               // face-1: remote_check left at its default, "auto".
               "[[device]]\nid = \"face-1\"\ndriver = \"hikvision\"\naddress = \"" + hik.url() + "\"\n"
               "username = \"admin\"\npassword_file = \"" + d + "/face.pass\"\n"
               "push_listen = \"127.0.0.1:" + std::to_string(push_port) + "\"\n"
               "push_path = \"" + kPushPath + "\"\nallow_from = [\"127.0.0.1\"]\n"
               "push_username = \"terminal\"\npush_password_file = \"" + d + "/push.pass\"\n"
               "poll_interval = \"200ms\"\nsync_interval = \"1h\"\n"
               "[[device]]\nid = \"face-9\"\ndriver = \"hikvision\"\naddress = \"http://127.0.0.1:" +
               std::to_string(closed_port) + "\"\nusername = \"admin\"\npassword_file = \"" + d +
               "/face.pass\"\npush_listen = \"127.0.0.1:" + std::to_string(far_push_port) + "\"\n"
               "allow_from = [\"127.0.0.1\"]\nremote_check = \"always\"\n"
               "remote_check_timeout = \"1s\"\npoll_interval = \"10s\"\nsync_interval = \"1h\"\n";
    }

    int push(const std::string& ev) {
        const auto url = "http://127.0.0.1:" + std::to_string(push_port) + kPushPath;
        return HikvisionEmulator::push(url, ev, true, "event_log", "terminal", "Push-Pass2");
    }
    int push_far(const std::string& ev) {
        return HikvisionEmulator::push("http://127.0.0.1:" + std::to_string(far_push_port) + "/", ev,
                                       false);
    }

    std::vector<json> payloads(const std::string& topic_part) const {
        return gw::test::payloads(*probe, topic_part);
    }
    std::vector<json> wait_events(const std::string& topic_part, size_t n) const {
        return wait_payloads(*probe, topic_part, n);
    }
    std::vector<HikRemoteCheckAnswer> wait_answers(size_t n) const {
        const auto end = std::chrono::steady_clock::now() + 10s;
        while (hik.remote_check_answers().size() < n && std::chrono::steady_clock::now() < end)
            std::this_thread::sleep_for(20ms);
        return hik.remote_check_answers();
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
    /// The `health` response's entry for `device` (mqtt-v1 §4).
    json health_device(const std::string& device) const {
        return gw::test::health_device(*probe, kBase, device);
    }
    /// The value of one sample of GET /metrics (-1 when absent).
    double metric(const std::string& name_and_labels) const {
        return gw::test::metric(metrics_port, name_and_labels);
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(remote_check, RemoteCheckWorld)

BOOST_AUTO_TEST_CASE(questions_are_answered_and_the_door_is_left_to_the_terminal) {
    BOOST_REQUIRE(wait_online("face-1"));
    const auto ask = [](const std::string& ev) { return HikvisionEmulator::with_remote_check(ev); };
    BOOST_TEST(push(ask(HikvisionEmulator::face_event("p-res", 0.93, 301))) == 200);  // allowed
    BOOST_TEST(push(ask(HikvisionEmulator::face_event("p-out", 0.95, 302))) == 200);  // other dorm
    BOOST_TEST(push(ask(HikvisionEmulator::face_event("", std::nullopt, 303, 76))) == 200);  // no one
    BOOST_TEST(push(ask(HikvisionEmulator::face_event("", std::nullopt, 304, 38))) == 200);  // fingerprint
    BOOST_TEST(push(ask(HikvisionEmulator::face_event("p-res", 0.93, 301))) == 200);  // retried push
    const auto answers = wait_answers(4);
    BOOST_REQUIRE_EQUAL(answers.size(), 4u);
    std::map<uint64_t, HikRemoteCheckAnswer> by_serial;
    for (const auto& a : answers) by_serial[a.serial_no] = a;
    BOOST_REQUIRE_EQUAL(by_serial.size(), 4u);
    BOOST_TEST(by_serial[301].check_result == "success");
    BOOST_TEST(by_serial[301].info == "ok");
    BOOST_TEST(by_serial[302].check_result == "failed");
    BOOST_TEST(by_serial[302].info == "not_permitted");
    BOOST_TEST(by_serial[303].check_result == "failed");
    BOOST_TEST(by_serial[303].info == "unknown_credential");
    BOOST_TEST(by_serial[304].check_result == "failed");  // nothing to decide on: refused at once
    BOOST_TEST(by_serial[304].info == "unsupported");
    // Campus systems see the decisions as usual (the fingerprint question is no decision).
    const auto ev = wait_events("/access/dorm/dorm3-face", 3);
    BOOST_REQUIRE_EQUAL(ev.size(), 3u);
    BOOST_TEST(ev[0]["decision"] == "allow");
    BOOST_TEST(ev[0]["person"]["id"] == "p-res");
    BOOST_TEST(ev[0]["credential"]["kind"] == "face");
    BOOST_TEST(ev[1]["decision"] == "deny");
    BOOST_TEST(ev[1]["reason"] == "not_permitted");
    BOOST_TEST(ev[2]["reason"] == "unknown_credential");
    // The terminal opens by itself on "success": campusgw sends no door command.
    std::this_thread::sleep_for(500ms);
    BOOST_TEST(hik.door_requests().empty());
    BOOST_TEST(hik.auth_failures() == 0u);  // every answer passed the terminal's Digest check
    // A terminal that decided by itself (no question) is opened as before.
    BOOST_TEST(push(HikvisionEmulator::face_event("p-res", 0.93, 305)) == 200);
    const auto end = std::chrono::steady_clock::now() + 10s;
    while (hik.door_requests().empty() && std::chrono::steady_clock::now() < end)
        std::this_thread::sleep_for(20ms);
    BOOST_REQUIRE_EQUAL(hik.door_requests().size(), 1u);
    BOOST_TEST(hik.door_requests()[0].find("PUT /ISAPI/AccessControl/RemoteControl/door/1 ") == 0u);
    BOOST_TEST(hik.remote_check_answers().size() == 4u);
    BOOST_TEST(health_device("face-1")["refused"]["remote_check_unanswered"] == 0);
}

BOOST_AUTO_TEST_CASE(an_unreachable_terminal_is_counted_and_the_gateway_goes_on) {
    // face-9 (remote_check = "always") asks without the flag; its address does not answer.
    BOOST_REQUIRE(wait_port_open(far_push_port, 5s));
    BOOST_TEST(push_far(HikvisionEmulator::face_event("p-res", 0.93, 901)) == 200);
    const auto far = wait_events("/access/dorm/dorm3-far", 1);
    BOOST_REQUIRE_EQUAL(far.size(), 1u);
    BOOST_TEST(far[0]["decision"] == "allow");
    BOOST_REQUIRE(gw->wait_log("remote check not answered", 10s));
    const auto logs = gw->log();
    const auto at = logs.find("remote check not answered");
    const auto line = logs.substr(at, logs.find('\n', at) - at);
    BOOST_TEST(line.find("count=1") != std::string::npos, line);
    const auto d = health_device("face-9");
    BOOST_REQUIRE_MESSAGE(d.contains("refused"), d.dump());
    BOOST_TEST(d["refused"]["remote_check_unanswered"] == 1);
    BOOST_TEST(metric(R"(campusgw_device_refused_total{device="face-9",reason="remote_check_unanswered"})") == 1);
    // The gateway goes on: the other terminal's question is answered.
    BOOST_REQUIRE(wait_online("face-1"));
    BOOST_TEST(push(HikvisionEmulator::with_remote_check(HikvisionEmulator::face_event("p-res", 0.93, 310))) == 200);
    const auto answers = wait_answers(1);
    BOOST_REQUIRE_EQUAL(answers.size(), 1u);
    BOOST_TEST(answers[0].serial_no == 310u);
    BOOST_TEST(answers[0].check_result == "success");
    BOOST_TEST(hik.door_requests().empty());
}

BOOST_AUTO_TEST_SUITE_END()
