#pragma once
// FaultWorld: a broker, a gateway config with one dorm point fed by an MQTT reader
// (answers on r/1/decision), a roster of `cards` students imported, and a subscriber that
// stays connected through every gateway restart. The gateway is started and killed by the
// tests. Everything a test asserts is what a campus system would see on MQTT.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/daemon/gateway_process.hpp"
#include "tests/support/mosquitto_broker.hpp"
#include "tests/support/mqtt_probe.hpp"
#include "tests/support/temp_dir.hpp"

namespace gw::test {

inline const std::string kFaultBase = "campus/v1/f-site/f-gw";

/// Card i's UID: 7 bytes, upper-case hex.
inline std::string card_uid(int i) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "04%012X", 0xA00000 + i);
    return buf;
}

inline std::string fault_roster(int cards) {
    using nlohmann::json;
    json persons = json::array(), creds = json::array();
    for (int i = 0; i < cards; ++i) {
        const std::string p = "p-" + std::to_string(i);
        persons.push_back({{"id", p}, {"role", "student"}, {"status", "active"},
                           {"groups", {"dorm:1"}}, {"valid_from", "2024-09-01"},
                           {"valid_to", "2099-07-31"}, {"display", "*"}});
        creds.push_back({{"id", "c-" + std::to_string(i)}, {"person", p}, {"kind", "nfc_uid"},
                         {"uid", card_uid(i)}, {"status", "active"}});
    }
    return json{{"site", "f-site"}, {"cursor", "0000000000000001"}, {"full", true},
                {"more", false}, {"persons", persons}, {"credentials", creds},
                {"deleted", {{"persons", json::array()}, {"credentials", json::array()}}}}
        .dump();
}

/// What a test may change in the world before the roster is imported.
struct FaultWorldOptions {
    int cards = 50;
    uint16_t metrics_port = 0;  // 0: no metrics endpoint
    /// Called with the state directory (not yet created) before anything writes to it.
    std::function<void(const std::filesystem::path&)> prepare_state;
};

struct FaultWorld {
    TempDir dir{"campusgw-faults"};
    MosquittoBroker broker;
    std::filesystem::path config = dir / "campusgw.toml";
    std::unique_ptr<MqttProbe> probe;
    std::unique_ptr<GatewayProcess> gw;
    int restarts = 0;
    uint16_t metrics_port = 0;

    explicit FaultWorld(int cards = 50) : FaultWorld(with_cards(cards)) {}

    explicit FaultWorld(const FaultWorldOptions& opts) : metrics_port(opts.metrics_port) {
        broker.start();
        if (opts.prepare_state) opts.prepare_state(dir / "state");
        const std::string metrics =
            opts.metrics_port ? "127.0.0.1:" + std::to_string(opts.metrics_port) : std::string();
        std::ofstream(config)
            << "[site]\nid = \"f-site\"\n[gateway]\nid = \"f-gw\"\nstate_dir = \""
            << (dir / "state").string() << "\"\n[mqtt]\nurl = \"mqtt://127.0.0.1:"
            << broker.port() << "\"\nreconnect_min = \"50ms\"\nreconnect_max = \"500ms\"\n"
            << "[metrics]\nlisten = \"" << metrics << "\"\n"
            << "[[zone]]\nid = \"dorm1\"\nkind = \"dorm\"\nallow_groups = [\"dorm:1\"]\n"
            << "[[point]]\nid = \"dorm1-gate\"\nzone = \"dorm1\"\ndevice = \"reader-1\"\n"
            << "[[device]]\nid = \"reader-1\"\ndriver = \"mqtt_reader\"\ntopic = \"r/1\"\n";
        std::ofstream(dir / "roster.json") << fault_roster(opts.cards);
        auto r = run_campusgw({"roster", "import", (dir / "roster.json").string(), "--config",
                               config.string()},
                              dir.path());
        BOOST_TEST_REQUIRE(r.exit_code == 0, r.output);
        MqttProbeOptions o;
        o.client_id = "fault-watcher";
        o.clean_session = false;  // nothing published while it reconnects is lost
        probe = std::make_unique<MqttProbe>(broker.host(), broker.port(), "#", o);
        BOOST_TEST_REQUIRE(probe->wait_subscribed(std::chrono::seconds(5)));
    }

    /// Starts the gateway and waits until it subscribed to its reader (its retained
    /// availability says online only after a tap, so wait for the "running" log line and
    /// the retained status of this run).
    void start() {
        const auto log = dir / ("gw-" + std::to_string(restarts++) + ".log");
        gw = std::make_unique<GatewayProcess>(config, log);
        BOOST_TEST_REQUIRE(gw->wait_log("broker connected", std::chrono::seconds(10)), gw->log());
    }

    void kill() {
        if (gw) gw->process().kill();
    }

    static FaultWorldOptions with_cards(int cards) {
        FaultWorldOptions o;
        o.cards = cards;
        return o;
    }

    std::vector<nlohmann::json> events() const {
        std::vector<nlohmann::json> out;
        for (const auto& m : probe->messages())
            if (m.topic.rfind(kFaultBase + "/access/", 0) == 0)
                out.push_back(nlohmann::json::parse(m.payload));
        return out;
    }

    size_t answers() const {
        size_t n = 0;
        for (const auto& m : probe->messages()) n += m.topic == "r/1/decision";
        return n;
    }

    /// Sends a request and waits for its response (the probe keeps all messages).
    nlohmann::json ask(const std::string& op, const std::string& transaction) {
        BOOST_TEST_REQUIRE(probe->publish(kFaultBase + "/request/" + op,
                                          "{\"transaction\":\"" + transaction + "\"}"));
        const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (std::chrono::steady_clock::now() < end) {
            for (const auto& m : probe->messages())
                if (m.topic == kFaultBase + "/response/" + op) {
                    auto r = nlohmann::json::parse(m.payload);
                    if (r["transaction"] == transaction) return r;
                }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        BOOST_FAIL("no response to " + op);
        return {};
    }

    template <class Pred>
    static bool eventually(Pred pred, std::chrono::milliseconds timeout) {
        const auto end = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < end) {
            if (pred()) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return pred();
    }
};

}  // namespace gw::test
