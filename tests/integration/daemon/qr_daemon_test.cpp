// End to end for e-ID QR codes (eid-qr-v1, issue: 亮证 at 场所码 scanners): the real campusgw
// with two serial scanners at a museum's east and west doors (pseudo-terminals) and a real
// mosquitto. Codes come from `campusgw qr issue`, the trust list from `campusgw trust import`
// (signed, against a pinned trust root), the roster from `campusgw roster import`. Asserts
// what the museum and the e-ID platform receive: the access event and the 亮证记录 with its
// four fields, replay refused at the other door, revoked and forged codes denied, and that
// no QR text ever leaves the gateway.
#define BOOST_TEST_MODULE qr_daemon
#include <boost/test/unit_test.hpp>

#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>

#include "gateway_process.hpp"
#include "tests/support/mosquitto_broker.hpp"
#include "tests/support/mqtt_probe.hpp"
#include "tests/support/pty_scanner.hpp"
#include "tests/support/temp_dir.hpp"

using namespace gw::test;
using namespace std::chrono_literals;
using json = nlohmann::json;
using SteadyClock = std::chrono::steady_clock;

namespace {

const std::string kBase = "campus/v1/m-site/m-gw";
const std::string kRevokedCid = "00000000deadbeef";

struct MuseumWorld {
    TempDir dir{"campusgw-qr-daemon"};
    TempDir keys{"campusgw-qr-issuer"};
    MosquittoBroker broker;
    PtyScanner east{dir / "ttyEast"};
    PtyScanner west{dir / "ttyWest"};
    std::unique_ptr<MqttProbe> all;
    std::unique_ptr<GatewayProcess> gw;

    MuseumWorld() {
        broker.start();
        std::ofstream(dir / "campusgw.toml") << config();
        issue({});  // creates the issuer, the trust root and the signed trust list
        admin({"trust", "import", (keys / "trustlist.json").string(), "--signature",
               (keys / "trustlist.sig").string()});
        json roster = {{"site", "m-site"}, {"cursor", "c1"}, {"full", true}, {"more", false},
                       {"persons", {{{"id", "p-1"}, {"role", "student"}, {"status", "active"},
                                     {"groups", {"class:1"}}}}},
                       {"credentials", {{{"id", "0011223344556677"}, {"person", "p-1"},
                                         {"kind", "eid_qr"}, {"status", "active"}},
                                        {{"id", kRevokedCid}, {"person", "p-1"},
                                         {"kind", "eid_qr"}, {"status", "revoked"}}}}};
        std::ofstream(dir / "roster.json") << roster.dump();
        admin({"roster", "import", (dir / "roster.json").string()});
        all = std::make_unique<MqttProbe>(broker.host(), broker.port(), kBase + "/#");
        BOOST_REQUIRE(all->wait_subscribed(5s));
        gw = std::make_unique<GatewayProcess>(dir / "campusgw.toml", dir / "gateway.log");
        BOOST_REQUIRE(wait_online("scan-east") && wait_online("scan-west"));
    }

    std::string config() const {
        std::ostringstream c;
        c << "[site]\nid = \"m-site\"\ntimezone = \"Asia/Shanghai\"\n"
          << "[gateway]\nid = \"m-gw\"\nstate_dir = \"" << (dir / "state").string() << "\"\n"
          << "clock_trusted = true\n"  // test machines often lack NTP: run the time checks
          << "[mqtt]\nurl = \"mqtt://127.0.0.1:" << broker.port() << "\"\n"
          << "[metrics]\nlisten = \"\"\n"
          << "[eid]\nurl = \"http://127.0.0.1:1\"\ntrust_root = \""
          << (keys / "trust-root.pem").string() << "\"\npoll_interval = \"24h\"\n"
          << "[[zone]]\nid = \"museum\"\nkind = \"venue\"\ncategory = \"美\"\n"
          << "allow_any_valid_eid = true\n";
        for (const char* side : {"east", "west"}) {
            c << "[[point]]\nid = \"museum-" << side << "\"\nname = \"科技馆" << side
              << "门\"\nzone = \"museum\"\ndevice = \"scan-" << side
              << "\"\nservice = \"博物馆参观\"\nvenue_code = \"310104-0031\"\n"
              << "[[device]]\nid = \"scan-" << side << "\"\ndriver = \"serial_scanner\"\n"
              << "path = \"" << (dir / (std::string("tty") + (side[0] == 'e' ? "East" : "West"))).string()
              << "\"\n";
        }
        return c.str();
    }

    void admin(std::vector<std::string> args) {
        args.push_back("--config");
        args.push_back((dir / "campusgw.toml").string());
        auto r = run_campusgw(args, dir.path());
        BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.output);
    }

    std::string issue(std::vector<std::string> extra) {
        std::vector<std::string> args{"qr", "issue", "--dir", keys.path().string(),
                                      "--person", "p-1", "--cid", "0011223344556677",
                                      "--tname", "上海市中等职业学校电子学生证"};
        args.insert(args.end(), extra.begin(), extra.end());
        auto r = run_campusgw(args, keys.path());
        BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.output);
        return r.output.substr(0, r.output.find('\n'));
    }

    bool wait_online(const std::string& device) const {
        const auto end = SteadyClock::now() + 10s;
        while (SteadyClock::now() < end) {
            for (const auto& m : all->messages())
                if (m.topic == kBase + "/devices/" + device + "/availability" &&
                    m.payload.find("\"online\"") != std::string::npos)
                    return true;
            std::this_thread::sleep_for(20ms);
        }
        return false;
    }

    std::vector<json> on(const std::string& prefix) const {
        std::vector<json> out;
        for (const auto& m : all->messages())
            if (m.topic.starts_with(kBase + prefix)) out.push_back(json::parse(m.payload));
        return out;
    }

    /// Scans and waits for the access event (and, when `shown`, its 亮证记录).
    json scan(PtyScanner& s, const std::string& text, bool shown = true) {
        const size_t events = on("/access/").size(), records = on("/eid/shown").size();
        s.scan(text);
        const auto end = SteadyClock::now() + 5s;
        while (SteadyClock::now() < end &&
               (on("/access/").size() == events ||
                (shown && on("/eid/shown").size() == records)))
            std::this_thread::sleep_for(10ms);
        BOOST_REQUIRE_MESSAGE(on("/access/").size() == events + 1, gw->log());
        return on("/access/").back();
    }

    bool anywhere(const std::string& text) const {
        if (gw->log().find(text) != std::string::npos) return true;
        for (const auto& m : all->messages())
            if (m.payload.find(text) != std::string::npos) return true;
        return false;
    }
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(a_museum_scan_is_recorded_for_the_student_and_replay_refused,
                        MuseumWorld) {
    const std::string code = issue({});
    const json ev = scan(east, code);
    BOOST_TEST(ev["decision"] == "allow", ev.dump());
    BOOST_TEST(ev["point"] == "museum-east");
    BOOST_TEST(ev["credential"]["kind"] == "eid_qr");
    BOOST_TEST(ev["person"]["id"] == "p-1");
    BOOST_TEST(ev["venue"]["code"] == "310104-0031");
    BOOST_TEST(ev["venue"]["category"] == "美");
    BOOST_TEST(ev["clock"] == "synced");
    const json rec = on("/eid/shown").back();
    BOOST_TEST(rec["cid"] == "0011223344556677");
    BOOST_TEST(rec["credential_name"] == "上海市中等职业学校电子学生证");  // certificate name
    BOOST_TEST(rec["verifier"]["name"] == "科技馆east门");                // who verified
    BOOST_TEST(rec["verifier"]["venue_code"] == "310104-0031");
    BOOST_TEST(rec["time"] == ev["time"]);                                   // time
    BOOST_TEST(rec["service"] == "博物馆参观");                               // service
    BOOST_TEST(rec["seq"] == ev["seq"].get<uint64_t>() + 1);

    const json again = scan(east, code);  // the turnstile timed out: a re-scan
    BOOST_TEST(again["decision"] == "allow");
    BOOST_TEST(again["flags"].dump().find("repeat") != std::string::npos);
    const json elsewhere = scan(west, code);  // a screenshot passed to a friend
    BOOST_TEST(elsewhere["decision"] == "deny");
    BOOST_TEST(elsewhere["reason"] == "token_replayed");
    BOOST_TEST(!anywhere(code.substr(6, 40)));
}

BOOST_FIXTURE_TEST_CASE(revoked_expired_forged_and_foreign_codes_are_denied, MuseumWorld) {
    const std::string revoked = issue({"--cid", kRevokedCid});
    BOOST_TEST(scan(east, revoked)["reason"] == "revoked");
    BOOST_TEST(on("/eid/shown").back()["reason"] == "revoked");
    const std::string old = std::to_string(std::time(nullptr) - 600);
    BOOST_TEST(scan(east, issue({"--at", old}))["reason"] == "token_expired");
    BOOST_TEST(scan(east, issue({"--forge"}))["reason"] == "bad_signature");
    TempDir other("campusgw-qr-other-issuer");
    auto foreign = run_campusgw({"qr", "issue", "--dir", other.path().string(), "--person",
                                 "p-1"}, other.path());
    BOOST_REQUIRE(foreign.exit_code == 0);
    BOOST_TEST(scan(east, foreign.output.substr(0, foreign.output.find('\n')))["reason"] ==
               "unknown_issuer");
    const size_t records = on("/eid/shown").size();
    BOOST_TEST(scan(east, "HTTPS://EXAMPLE.COM/PLAIN", false)["reason"] == "malformed");
    std::this_thread::sleep_for(200ms);
    BOOST_TEST(on("/eid/shown").size() == records);  // not decoded: no 亮证记录
    BOOST_TEST(!anywhere(revoked.substr(6, 40)));
}
