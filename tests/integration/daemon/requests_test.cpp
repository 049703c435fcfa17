// End to end: MQTT requests (mqtt-v1 §4) and the Prometheus /metrics endpoint, against the
// real campusgw and a real mosquitto. Asserts the responses a campus system sees on
// {base}/response/{op}, the door command a signed door/open sends, that refused requests
// open nothing, and that /metrics is valid exposition text counting what happened.
#define BOOST_TEST_MODULE requests
#include <boost/test/unit_test.hpp>

#include <openssl/hmac.h>
#include <sys/stat.h>

#include <ctime>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <fstream>
#include <regex>
#include <sstream>
#include <set>
#include <nlohmann/json.hpp>

#include "gateway_process.hpp"
#include "tests/support/mosquitto_broker.hpp"
#include "tests/support/mqtt_probe.hpp"
#include "tests/support/tcp_port.hpp"
#include "tests/support/temp_dir.hpp"

using namespace gw::test;
using namespace std::chrono_literals;
using json = nlohmann::json;

namespace {

const std::string kBase = "campus/v1/r-site/r-gw";
const std::string kDoorKeyHex =
    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

std::string sign(const std::string& key_hex, const std::string& canonical) {
    std::string key;
    for (size_t i = 0; i < key_hex.size(); i += 2)
        key.push_back(static_cast<char>(std::stoi(key_hex.substr(i, 2), nullptr, 16)));
    unsigned char mac[32];
    unsigned int len = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char*>(canonical.data()), canonical.size(), mac, &len);
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned i = 0; i < len; ++i) {
        out.push_back(hex[mac[i] >> 4]);
        out.push_back(hex[mac[i] & 15]);
    }
    return out;
}

/// A door/open request for `point`, expiring `ahead_s` from now, signed with `key_hex`.
json door_request(const std::string& transaction, const std::string& point, long ahead_s,
                  const std::string& key_hex = kDoorKeyHex) {
    const long expires = static_cast<long>(std::time(nullptr)) + ahead_s;
    const std::string canonical = "door/open\nr-site\nr-gw\n" + point + "\n" +
                                  std::to_string(expires) + "\n" + transaction;
    return {{"transaction", transaction}, {"point", point}, {"expires", expires},
            {"sig", sign(key_hex, canonical)}};
}

/// A gateway with one dorm point whose door is an MQTT door controller, a door key, and a
/// subscriber to everything.
struct RequestWorld {
    TempDir dir{"campusgw-requests"};
    MosquittoBroker broker;
    std::unique_ptr<MqttProbe> probe;
    std::unique_ptr<GatewayProcess> gw;
    uint16_t metrics_port = find_free_port();

    RequestWorld() {
        broker.start();
        const auto key = dir / "door.key";
        std::ofstream(key) << kDoorKeyHex << "\n";
        ::chmod(key.c_str(), 0600);
        std::ofstream(dir / "campusgw.toml")
            << "[site]\nid = \"r-site\"\n[gateway]\nid = \"r-gw\"\nstate_dir = \""
            << (dir / "state").string() << "\"\n[mqtt]\nurl = \"mqtt://127.0.0.1:"
            << broker.port() << "\"\n[requests]\ndoor_key_file = \"" << key.string() << "\"\n"
            << "[metrics]\nlisten = \"127.0.0.1:" << metrics_port << "\"\n"
            << "[[zone]]\nid = \"dorm1\"\nkind = \"dorm\"\nallow_groups = [\"dorm:1\"]\n"
            << "[[point]]\nid = \"dorm1-gate\"\nzone = \"dorm1\"\ndevice = \"reader-1\"\n"
            << "door = \"door-1\"\n"
            << "[[device]]\nid = \"reader-1\"\ndriver = \"mqtt_reader\"\ntopic = \"r/1\"\n"
            << "[[device]]\nid = \"door-1\"\ndriver = \"mqtt_door\"\ntopic = \"doors/1/cmd\"\n";
        probe = std::make_unique<MqttProbe>(broker.host(), broker.port(), "#");
        BOOST_REQUIRE(probe->wait_subscribed(5s));
        gw = std::make_unique<GatewayProcess>(dir / "campusgw.toml", dir / "gw.log");
        BOOST_REQUIRE_MESSAGE(gw->wait_log("campusgw running", 10s), gw->log());
        BOOST_REQUIRE(wait_topic(kBase + "/status", 10s));
    }

    bool wait_topic(const std::string& topic, std::chrono::milliseconds timeout) {
        const auto end = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < end) {
            for (const auto& m : probe->messages())
                if (m.topic == topic) return true;
            std::this_thread::sleep_for(20ms);
        }
        return false;
    }

    /// Sends a request and returns the response with the same transaction.
    json ask(const std::string& op, const std::string& payload, const std::string& transaction) {
        probe->clear();
        BOOST_REQUIRE(probe->publish(kBase + "/request/" + op, payload));
        const auto end = std::chrono::steady_clock::now() + 5s;
        while (std::chrono::steady_clock::now() < end) {
            for (const auto& m : probe->messages()) {
                if (m.topic != kBase + "/response/" + op) continue;
                auto r = json::parse(m.payload);
                if ((transaction.empty() && r["transaction"].is_null()) ||
                    r["transaction"] == transaction)
                    return r;
            }
            std::this_thread::sleep_for(10ms);
        }
        BOOST_FAIL("no response to " + op + " " + transaction);
        return {};
    }

    /// GET /metrics: status and body.
    std::pair<int, std::string> scrape(const std::string& path = "/metrics") {
        Poco::Net::HTTPClientSession session("127.0.0.1", metrics_port);
        Poco::Net::HTTPRequest req(Poco::Net::HTTPRequest::HTTP_GET, path);
        session.sendRequest(req);
        Poco::Net::HTTPResponse resp;
        std::ostringstream body;
        body << session.receiveResponse(resp).rdbuf();
        return {static_cast<int>(resp.getStatus()), body.str()};
    }

    size_t door_commands() {
        size_t n = 0;
        for (const auto& m : probe->messages()) n += m.topic == "doors/1/cmd";
        return n;
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(requests, RequestWorld)

BOOST_AUTO_TEST_CASE(health_reports_info_and_each_device) {
    const auto r = ask("health", R"({"transaction":"h-1"})", "h-1");
    BOOST_TEST(r["status"] == "ok");
    BOOST_TEST(r["error"].is_null());
    BOOST_TEST(r["data"]["info"]["outbox"]["depth"] == 0);
    std::set<std::string> ids;
    for (const auto& d : r["data"]["devices"]) ids.insert(d["id"].get<std::string>());
    BOOST_TEST((ids == std::set<std::string>{"door-1", "reader-1"}));
}

BOOST_AUTO_TEST_CASE(signed_door_open_opens_the_door_once_and_a_replay_is_refused) {
    const auto req = door_request("d-1", "dorm1-gate", 30);
    const auto r = ask("door/open", req.dump(), "d-1");
    BOOST_TEST(r["status"] == "ok", r.dump());
    BOOST_REQUIRE(wait_topic("doors/1/cmd", 5s));
    const auto again = ask("door/open", req.dump(), "d-1");
    BOOST_TEST(again["status"] == "error");
    BOOST_TEST(again["error"] == "refused: replayed");
    std::this_thread::sleep_for(200ms);
    BOOST_TEST(door_commands() == 0u);  // cleared by ask(): the replay opened nothing
    BOOST_TEST(gw->wait_log("door/open refused", 2s));
}

BOOST_AUTO_TEST_CASE(unsigned_expired_far_and_wrongly_signed_requests_open_nothing) {
    auto unsigned_req = door_request("u-1", "dorm1-gate", 30);
    unsigned_req.erase("sig");
    BOOST_TEST(ask("door/open", unsigned_req.dump(), "u-1")["error"] == "refused: unsigned");
    BOOST_TEST(ask("door/open", door_request("e-1", "dorm1-gate", -5).dump(), "e-1")["error"] ==
               "refused: expired");
    BOOST_TEST(ask("door/open", door_request("f-1", "dorm1-gate", 600).dump(), "f-1")["error"] ==
               "refused: expires too far ahead");
    const std::string other(64, 'a');
    BOOST_TEST(ask("door/open", door_request("k-1", "dorm1-gate", 30, other).dump(),
                   "k-1")["error"] == "refused: bad signature");
    auto tampered = door_request("t-1", "dorm1-gate", 30);
    tampered["point"] = "dorm2-gate";  // signed for another point
    BOOST_TEST(ask("door/open", tampered.dump(), "t-1")["error"] == "refused: bad signature");
    BOOST_TEST(ask("door/open", door_request("n-1", "nowhere", 30).dump(), "n-1")["error"] ==
               "no such point");
    std::this_thread::sleep_for(200ms);
    BOOST_TEST(door_commands() == 0u);
}

BOOST_AUTO_TEST_CASE(lookup_unknown_ops_and_malformed_requests_get_clear_errors) {
    const auto who = ask("lookup", R"({"transaction":"l-1","person":"p-none"})", "l-1");
    BOOST_TEST(who["status"] == "error");
    BOOST_TEST(who["error"] == "no such person in the roster");
    const auto both = ask("lookup", R"({"transaction":"l-2"})", "l-2");
    BOOST_TEST(both["error"] == "malformed request: give exactly one of \"credential_ref\", \"person\"");
    BOOST_TEST(ask("frobnicate", R"({"transaction":"x-1"})", "x-1")["error"] ==
               "unknown op \"frobnicate\"");
    const auto junk = ask("health", "{not json", "");
    BOOST_TEST(junk["status"] == "error");
    BOOST_TEST(junk["error"] == "malformed request: not a JSON object");
    BOOST_TEST(ask("health", R"({"transaction":7})", "")["error"] ==
               "malformed request: \"transaction\" must be a string");
    BOOST_TEST(ask("sync", R"({"transaction":"s-1"})", "s-1")["error"] ==
               "no e-ID sync configured ([eid] is missing)");
    BOOST_TEST(ask("reload", R"({"transaction":"r-1"})", "r-1")["status"] == "ok");
}

namespace {

/// Checks the text against the exposition format (0.0.4) and returns sample -> value.
std::map<std::string, double> parse_exposition(const std::string& text) {
    static const std::regex help(R"(# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*)");
    static const std::regex type(
        R"(# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped))");
    static const std::regex sample(
        R"(([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*")"
        R"((?:,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*")*\})? ([-+]?[0-9.eE+-]+|\+Inf|NaN))");
    std::set<std::string> typed;
    std::map<std::string, double> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        std::smatch m;
        if (std::regex_match(line, m, type)) {
            typed.insert(m[1]);
        } else if (std::regex_match(line, m, sample)) {
            const std::string name = m[1];
            const bool known = typed.count(name) ||
                               typed.count(std::regex_replace(name, std::regex("_(bucket|sum|count)$"), ""));
            BOOST_TEST(known, "sample before its # TYPE: " << line);
            out[line.substr(0, line.rfind(' '))] = std::stod(m[3]);
        } else {
            BOOST_TEST(std::regex_match(line, help), "not exposition format: " << line);
        }
    }
    BOOST_TEST((!text.empty() && text.back() == '\n'));
    return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(metrics_are_valid_exposition_and_count_decisions_and_requests) {
    ask("health", R"({"transaction":"h-9"})", "h-9");
    ask("nope", R"({"transaction":"x-9"})", "x-9");
    BOOST_REQUIRE(probe->publish("r/1", "04DEADBEEF0001"));    // not in the roster
    BOOST_REQUIRE(probe->publish("r/1", "{\"uid\": 12}"));      // malformed
    BOOST_REQUIRE(wait_topic(kBase + "/access/dorm/dorm1-gate", 5s));
    std::map<std::string, double> m;
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    do {  // the second decision may still be on its way
        auto [status, body] = scrape();
        BOOST_REQUIRE_EQUAL(status, 200);
        m = parse_exposition(body);
    } while (m["campusgw_decision_latency_seconds_count"] < 2 &&
             std::chrono::steady_clock::now() < deadline);
    BOOST_TEST(m[R"(campusgw_decisions_total{point="dorm1-gate",decision="deny",reason="unknown_credential"})"] == 1);
    BOOST_TEST(m[R"(campusgw_decisions_total{point="dorm1-gate",decision="deny",reason="malformed"})"] == 1);
    BOOST_TEST(m[R"(campusgw_malformed_total{source="device"})"] == 1);
    BOOST_TEST(m["campusgw_decision_latency_seconds_count"] == 2);
    BOOST_TEST(m[R"(campusgw_decision_latency_seconds_bucket{le="+Inf"})"] == 2);
    BOOST_TEST(m[R"(campusgw_requests_total{status="ok"})"] == 1);
    BOOST_TEST(m[R"(campusgw_requests_total{status="error"})"] == 1);
    BOOST_TEST(m["campusgw_mqtt_connected"] == 1);
    BOOST_TEST(m[R"(campusgw_device_state{device="reader-1",state="online"})"] == 1);
    BOOST_TEST(m[R"(campusgw_device_state{device="door-1",state="unknown"})"] == 1);
    BOOST_TEST(m.count("campusgw_outbox_depth") == 1u);
    BOOST_TEST(scrape("/other").first == 404);
}

BOOST_AUTO_TEST_SUITE_END()
