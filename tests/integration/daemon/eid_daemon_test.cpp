// End to end with the e-ID system: the real campusgw, a real mosquitto and the e-ID
// simulator over HTTPS. Asserts what campus systems see: access events on MQTT.
#define BOOST_TEST_MODULE eid_daemon
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "gateway_process.hpp"
#include "tests/integration/eid/eid_sim_process.hpp"
#include "tests/support/mosquitto_broker.hpp"
#include "tests/support/mqtt_probe.hpp"
#include "tests/support/time_scale.hpp"

using namespace gw::test;
using namespace std::chrono_literals;
using json = nlohmann::json;

namespace {

const std::string kBase = "campus/v1/t-site/t-gw";

/// Client certificate and key for [eid] ("" for none).
struct ClientCert {
    std::string cert, key;
};

std::string config_text(const TempDir& dir, const MosquittoBroker& broker, EidSimProcess& sim,
                        const TestCerts& certs, const ClientCert& client = {}) {
    std::ofstream(dir / "eid.token") << "sim-token\n";
    const std::string mtls = client.cert.empty() ? std::string()
                                                 : "cert_file = \"" + client.cert + "\"\nkey_file = \"" +
                                                       client.key + "\"\n";
    return "[site]\nid = \"t-site\"\ntimezone = \"Asia/Shanghai\"\n"
           "[gateway]\nid = \"t-gw\"\nstate_dir = \"" + (dir / "state").string() + "\"\n"
           "[log]\nlevel = \"debug\"\n"
           "[mqtt]\nurl = \"" + broker.url() + "\"\nreconnect_min = \"100ms\"\nreconnect_max = \"1s\"\n"
           "[eid]\nurl = \"" + sim.https_url() + "\"\nca_file = \"" + certs.ca_cert().string() +
           "\"\ntoken_file = \"" + (dir / "eid.token").string() + "\"\ntrust_root = \"" +
           sim.root_pub().string() + "\"\npoll_interval = \"1s\"\ntimeout = \"2s\"\n" + mtls +
           "[[zone]]\nid = \"dorm3\"\nkind = \"dorm\"\nallow_groups = [\"dorm:3\"]\n"
           // A venue zone: this gateway also follows revocations (eid-sync-v1 §5).
           "[[zone]]\nid = \"museum\"\nkind = \"venue\"\nallow_any_valid_eid = true\n"
           "[[point]]\nid = \"gate\"\nzone = \"dorm3\"\ndevice = \"r1\"\n"
           "[[point]]\nid = \"strict\"\nzone = \"dorm3\"\ndevice = \"r2\"\n"
           "max_roster_age = \"3s\"\nwhen_stale = \"deny\"\n"
           "[[point]]\nid = \"lenient\"\nzone = \"dorm3\"\ndevice = \"r3\"\n"
           "max_roster_age = \"3s\"\nwhen_stale = \"allow_known\"\n"
           "[[device]]\nid = \"r1\"\ndriver = \"mqtt_reader\"\ntopic = \"readers/r1\"\n"
           "[[device]]\nid = \"r2\"\ndriver = \"mqtt_reader\"\ntopic = \"readers/r2\"\n"
           "[[device]]\nid = \"r3\"\ndriver = \"mqtt_reader\"\ntopic = \"readers/r3\"\n";
}

EidSimOptions sim_options(const MosquittoBroker& broker, bool mtls = false) {
    EidSimOptions o;
    o.require_client_cert = mtls;
    o.persons = 10;
    o.token = "sim-token";
    o.mqtt = "127.0.0.1:" + std::to_string(broker.port());
    return o;
}

/// Broker, simulator and a synced gateway (with `mtls`: the simulator requires a client
/// certificate and the gateway presents TestCerts' client certificate).
struct EidWorld {
    bool mtls;
    TempDir dir{"campusgw-eid-daemon"};
    TestCerts certs;
    MosquittoBroker broker;
    EidSimProcess sim{certs, sim_options(broker, mtls)};
    MqttProbe probe{broker.host(), broker.port(), "#"};
    std::unique_ptr<GatewayProcess> gw;

    explicit EidWorld(bool with_mtls = false) : mtls(with_mtls) {
        const ClientCert client = mtls ? ClientCert{certs.client_cert().string(),
                                                    certs.client_key().string()}
                                       : ClientCert{};
        std::ofstream(dir / "campusgw.toml") << config_text(dir, broker, sim, certs, client);
        BOOST_REQUIRE(probe.wait_subscribed(5s));
        gw = std::make_unique<GatewayProcess>(dir / "campusgw.toml", dir / "gateway.log");
        BOOST_REQUIRE_MESSAGE(gw->wait_log("roster snapshot applied", 15s), gw->log());
        BOOST_REQUIRE(gw->wait_log("broker connected", 10s));
    }

    std::vector<json> events() const {
        std::vector<json> out;
        for (const auto& m : probe.messages())
            if (m.topic.find(kBase + "/access/") == 0) out.push_back(json::parse(m.payload));
        return out;
    }
    /// Taps `uid` on reader `r` and returns the event it produced.
    json tap(const std::string& reader, const std::string& uid) {
        const size_t before = events().size();
        probe.publish("readers/" + reader, uid);
        const auto end = std::chrono::steady_clock::now() + 5s;
        while (events().size() == before && std::chrono::steady_clock::now() < end)
            std::this_thread::sleep_for(10ms);
        const auto ev = events();
        BOOST_REQUIRE_MESSAGE(ev.size() > before, "no event for a tap on " + reader);
        return ev.back();
    }
    json health() {
        probe.clear();
        probe.publish(kBase + "/request/health", R"({"transaction":"h1"})");
        const auto end = std::chrono::steady_clock::now() + 5s;
        while (std::chrono::steady_clock::now() < end) {
            for (const auto& m : probe.messages())
                if (m.topic == kBase + "/response/health") return json::parse(m.payload);
            std::this_thread::sleep_for(10ms);
        }
        BOOST_FAIL("no health response");
        return {};
    }
};

struct MtlsWorld : EidWorld {
    MtlsWorld() : EidWorld(true) {}
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(a_lost_card_is_denied_within_two_seconds_of_the_notification, EidWorld) {
    auto ev = tap("r1", test_uid(1));
    BOOST_TEST(ev["decision"] == "allow");
    BOOST_TEST(ev["mode"] == "local");

    // 挂失: the simulator marks the card lost and publishes campus/v1/t-site/eid/notify.
    sim.admin("/admin/credential-status?uid=" + test_uid(1) + "&status=lost");
    const auto t0 = std::chrono::steady_clock::now();
    json denied;
    while (std::chrono::steady_clock::now() - t0 < 3s) {
        ev = tap("r1", test_uid(1));
        if (ev["decision"] == "deny") {
            denied = ev;
            break;
        }
        std::this_thread::sleep_for(50ms);
    }
    const auto latency = std::chrono::steady_clock::now() - t0;
    BOOST_REQUIRE_MESSAGE(!denied.is_null(), gw->log());
    BOOST_TEST(denied["reason"] == "lost");
    BOOST_TEST(denied["point"] == "gate");
    BOOST_TEST_MESSAGE("notification -> denial: "
                       << std::chrono::duration_cast<std::chrono::milliseconds>(latency).count()
                       << " ms");
    BOOST_TEST((latency < scaled(2s)));
    // Other cards are unaffected; no raw UID in the log.
    BOOST_TEST(tap("r1", test_uid(2))["decision"] == "allow");
    BOOST_TEST(gw->log().find(test_uid(1)) == std::string::npos);
    BOOST_TEST(gw->log().find("sim-token") == std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(unreachable_e_id_system_then_the_when_stale_policy, EidWorld) {
    auto h = health();
    BOOST_TEST(h["data"]["info"]["eid"]["state"] == "ok");
    BOOST_TEST(h["data"]["info"]["trust_list_version"] == 1);
    BOOST_TEST(!h["data"]["info"]["roster"]["cursor"].get<std::string>().empty());

    sim.process().kill();  // the e-ID system is gone for good
    // Decisions continue from the stored roster.
    auto ev = tap("r2", test_uid(3));
    BOOST_TEST(ev["decision"] == "allow");
    BOOST_TEST(ev["mode"] == "local");

    std::this_thread::sleep_for(4500ms);  // past max_roster_age = 3s (ages count whole seconds)
    ev = tap("r2", test_uid(3));
    BOOST_TEST(ev["decision"] == "deny");
    BOOST_TEST(ev["reason"] == "roster_stale");
    BOOST_TEST(ev["mode"] == "degraded");
    ev = tap("r3", test_uid(3));
    BOOST_TEST(ev["decision"] == "allow");
    BOOST_TEST(ev["mode"] == "degraded");
    ev = tap("r3", "04DEADBEEF0001");  // allow_known: unknown cards stay out
    BOOST_TEST(ev["decision"] == "deny");
    ev = tap("r1", test_uid(3));  // a point without max_roster_age: as before
    BOOST_TEST(ev["decision"] == "allow");
    BOOST_TEST(ev["mode"] == "local");

    h = health();
    const auto& eid = h["data"]["info"]["eid"];
    BOOST_TEST(eid["state"] == "failing");
    BOOST_TEST(eid["failures"].get<int>() >= 1);
    BOOST_TEST(!eid["last_error"].is_null());
    BOOST_TEST(h["data"]["info"]["roster"]["age_s"].get<int>() >= 3);
    BOOST_TEST(gw->log().find("e-ID sync failed; keeping the stored data") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(a_revocation_reaches_info_within_two_seconds_of_the_notification,
                        EidWorld) {
    auto h = health();
    const auto& before = h["data"]["info"]["eid"]["revocations"];
    BOOST_REQUIRE_MESSAGE(before.is_object(), h.dump());
    BOOST_TEST(before["revoked"] == 0);

    // The simulator revokes a cid and publishes campus/v1/eid/notify.
    const auto cursor = json::parse(sim.admin("/admin/revoke?cid=deadbeef00000001"))["cursor"];
    const auto t0 = std::chrono::steady_clock::now();
    json seen;
    while (std::chrono::steady_clock::now() - t0 < 3s) {
        h = health();
        if (h["data"]["info"]["eid"]["revocations"]["cursor"] == cursor) {
            seen = h["data"]["info"]["eid"]["revocations"];
            break;
        }
        std::this_thread::sleep_for(50ms);
    }
    const auto latency = std::chrono::steady_clock::now() - t0;
    BOOST_REQUIRE_MESSAGE(!seen.is_null(), gw->log());
    BOOST_TEST(seen["revoked"] == 1);
    BOOST_TEST((latency < scaled(2s)));
    BOOST_TEST(gw->log().find("revocations applied") != std::string::npos);
    BOOST_TEST(gw->log().find("deadbeef00000001") == std::string::npos);  // cursor only

    // The retained info follows too (it is republished when the revocations change).
    const auto end = std::chrono::steady_clock::now() + 3s;
    bool retained = false;
    while (!retained && std::chrono::steady_clock::now() < end) {
        for (const auto& m : probe.messages())
            if (m.topic == kBase + "/info" &&
                json::parse(m.payload)["eid"]["revocations"]["revoked"] == 1)
                retained = true;
        std::this_thread::sleep_for(50ms);
    }
    BOOST_TEST(retained);
}

BOOST_FIXTURE_TEST_CASE(info_is_republished_when_only_the_sync_state_changes, EidWorld) {
    // Wait for a retained info saying "ok", then break only the e-ID system.
    auto info_with_state = [&](const std::string& state, std::chrono::seconds within) {
        const auto end = std::chrono::steady_clock::now() + within;
        while (std::chrono::steady_clock::now() < end) {
            for (const auto& m : probe.messages())
                if (m.topic == kBase + "/info" && json::parse(m.payload)["eid"]["state"] == state)
                    return json::parse(m.payload);
            std::this_thread::sleep_for(20ms);
        }
        return json();
    };
    BOOST_REQUIRE(!info_with_state("ok", 5s).is_null());
    probe.clear();
    sim.process().kill();
    // Nothing else changes (roster, devices, config): before the fix info waited up to 60 s.
    const auto failing = info_with_state("failing", 6s);
    BOOST_REQUIRE_MESSAGE(!failing.is_null(), gw->log());
    BOOST_TEST(!failing["eid"]["last_error"].is_null());
    BOOST_TEST(failing["eid"]["failures"].get<int>() >= 1);
}

BOOST_FIXTURE_TEST_CASE(client_certificate_authentication_and_a_foreign_one_keeps_the_data,
                        MtlsWorld) {
    // Synced with the client certificate (the fixture waited for the snapshot).
    BOOST_TEST(health()["data"]["info"]["eid"]["state"] == "ok");
    BOOST_TEST(tap("r1", test_uid(4))["decision"] == "allow");

    // Restart with a certificate the simulator's CA did not sign; meanwhile card 4 is lost.
    gw.reset();
    sim.admin("/admin/credential-status?uid=" + test_uid(4) + "&status=lost");
    std::ofstream(dir / "campusgw.toml")
        << config_text(dir, broker, sim, certs,
                       {certs.other_ca_cert().string(), (certs.dir() / "other-ca.key").string()});
    gw = std::make_unique<GatewayProcess>(dir / "campusgw.toml", dir / "gateway2.log");
    BOOST_REQUIRE(gw->wait_log("broker connected", 10s));
    BOOST_REQUIRE_MESSAGE(gw->wait_log("e-ID sync failed; keeping the stored data", 10s), gw->log());
    const auto log = gw->log();
    BOOST_TEST(log.find("check [eid] cert_file / key_file") != std::string::npos);
    BOOST_TEST(log.find("roster snapshot applied") == std::string::npos);
    BOOST_TEST(log.find("roster delta applied") == std::string::npos);
    // The stored roster stays in use: the card's 挂失 has not arrived.
    BOOST_TEST(tap("r1", test_uid(4))["decision"] == "allow");
    const auto eid = health()["data"]["info"]["eid"];
    BOOST_TEST(eid["state"] == "failing");
    BOOST_TEST(eid["last_error"].get<std::string>().find("cert_file") != std::string::npos);
}
