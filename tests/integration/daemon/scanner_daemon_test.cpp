// End to end for QR scanners: the real campusgw binary with a serial_scanner on a
// pseudo-terminal (PtyScanner, through a stable link like /dev/serial/by-id) and a real
// mosquitto. Asserts what campus systems see: the scanner's availability and one access
// event per scanned text, and that no QR text reaches the log or MQTT.
// The texts here are not well-formed e-ID codes, so each is denied `malformed` (credential
// kind `eid_qr`); genuine codes are in qr_daemon_test.
#define BOOST_TEST_MODULE scanner_daemon
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "gateway_process.hpp"
#include "tests/support/key_events.hpp"
#include "tests/support/mosquitto_broker.hpp"
#include "tests/support/mqtt_probe.hpp"
#include "tests/support/pty_scanner.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/time_scale.hpp"

using namespace gw::test;
using namespace std::chrono_literals;
using json = nlohmann::json;
using SteadyClock = std::chrono::steady_clock;

namespace {

const std::string kBase = "campus/v1/t-site/t-gw";
const std::string kCode = "CEID1:6BFOXN%TS3DHPRIVATEQR";  // must never be seen outside

/// Broker, a scanner on a pty and a running gateway with one point fed by the scanner.
struct ScannerGateway {
    TempDir dir{"campusgw-scanner"};
    MosquittoBroker broker;
    PtyScanner scanner{dir / "ttyScanner"};
    std::unique_ptr<MqttProbe> all;
    std::unique_ptr<GatewayProcess> gw;

    ScannerGateway() {
        broker.start();
        BOOST_REQUIRE(::mkfifo((dir / "event-kbd").c_str(), 0600) == 0);
        const auto config = dir / "campusgw.toml";
        std::ofstream(config)
            << "[site]\nid = \"t-site\"\nname = \"T\"\ntimezone = \"Asia/Shanghai\"\n"
               "[gateway]\nid = \"t-gw\"\nstate_dir = \""
            << (dir / "state").string() << "\"\n[log]\nlevel = \"debug\"\n"
            << "[mqtt]\nurl = \"mqtt://127.0.0.1:" << broker.port() << "\"\n"
            << "[[zone]]\nid = \"lib\"\nkind = \"gate\"\n"
            << "[[point]]\nid = \"lib-in\"\nzone = \"lib\"\ndevice = \"scan-1\"\n"
            << "[[device]]\nid = \"scan-1\"\ndriver = \"serial_scanner\"\npath = \""
            << scanner.path() << "\"\nbaud = 115200\n"
            << "[[point]]\nid = \"lib-out\"\nzone = \"lib\"\ndevice = \"scan-2\"\n"
            << "[[device]]\nid = \"scan-2\"\ndriver = \"evdev_scanner\"\npath = \""
            << (dir / "event-kbd").string() << "\"\n";
        all = std::make_unique<MqttProbe>(broker.host(), broker.port(), kBase + "/#");
        BOOST_REQUIRE(all->wait_subscribed(5s));
        gw = std::make_unique<GatewayProcess>(config, dir / "gateway.log");
        BOOST_REQUIRE(wait_state("online", 10s));
    }

    std::vector<std::string> states(const std::string& device = "scan-1") const {
        std::vector<std::string> out;
        for (const auto& m : all->messages())
            if (m.topic == kBase + "/devices/" + device + "/availability")
                out.push_back(json::parse(m.payload)["state"]);
        return out;
    }
    bool wait_state(const std::string& state, std::chrono::milliseconds timeout,
                    const std::string& device = "scan-1") const {
        const auto end = SteadyClock::now() + timeout;
        do {
            const auto s = states(device);
            if (!s.empty() && s.back() == state) return true;
            std::this_thread::sleep_for(10ms);
        } while (SteadyClock::now() < end);
        return false;
    }
    std::vector<json> events() const {
        std::vector<json> out;
        for (const auto& m : all->messages())
            if (m.topic.starts_with(kBase + "/access/")) out.push_back(json::parse(m.payload));
        return out;
    }
    size_t wait_events(size_t n, std::chrono::milliseconds t = 5s) const {
        const auto end = SteadyClock::now() + t;
        while (events().size() < n && SteadyClock::now() < end) std::this_thread::sleep_for(10ms);
        return events().size();
    }
    bool anywhere(const std::string& text) const {
        if (gw->log().find(text) != std::string::npos) return true;
        for (const auto& m : all->messages())
            if (m.payload.find(text) != std::string::npos) return true;
        return false;
    }
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(a_scanned_text_gives_one_event_and_stays_private, ScannerGateway) {
    scanner.scan(kCode);
    BOOST_REQUIRE_EQUAL(wait_events(1), 1u);
    const json e = events().back();
    BOOST_TEST(e["device"] == "scan-1");
    BOOST_TEST(e["point"] == "lib-in");
    BOOST_TEST(e["decision"] == "deny");
    BOOST_TEST(e["reason"] == "malformed");
    BOOST_TEST(e["credential"]["kind"] == "eid_qr");
    scanner.write("VENUE-");  // a plain code split across writes, LF only
    std::this_thread::sleep_for(30ms);
    scanner.write("7\n");
    BOOST_REQUIRE_EQUAL(wait_events(2), 2u);
    scanner.write(std::string("\x00\xff noise\r\n", 10));  // dropped: no event
    scanner.scan(std::string(5000, 'Q'));                  // dropped: over max_length
    scanner.scan("CEID1:LAST");
    BOOST_REQUIRE_EQUAL(wait_events(3), 3u);
    std::this_thread::sleep_for(200ms);
    BOOST_TEST(events().size() == 3u);
    BOOST_TEST(gw->wait_log("scanned code dropped why=garbage total=1", 2s));
    BOOST_TEST(gw->wait_log("scanned code dropped why=overlong total=1", 2s));
    BOOST_TEST(!anywhere(kCode));
    BOOST_TEST(!anywhere("6BFOXN"));
    BOOST_TEST(!anywhere("VENUE-7"));
}

BOOST_FIXTURE_TEST_CASE(an_unplugged_scanner_is_offline_and_reopened, ScannerGateway) {
    const auto t0 = SteadyClock::now();
    scanner.unplug();
    BOOST_REQUIRE(wait_state("offline", 3s));
    BOOST_TEST((SteadyClock::now() - t0 < scaled(1s)));
    std::this_thread::sleep_for(1s);  // a few failed reopens: the link is gone
    scanner.replug();
    BOOST_REQUIRE(wait_state("online", 5s));
    scanner.scan("CEID1:AFTER");
    BOOST_REQUIRE_EQUAL(wait_events(1), 1u);
    BOOST_TEST(events().back()["reason"] == "malformed");
    BOOST_TEST(gw->process().running());
}

BOOST_FIXTURE_TEST_CASE(a_keyboard_mode_scanner_is_read_from_its_event_node, ScannerGateway) {
    // A FIFO of recorded input_event records stands in for /dev/input/by-id/…-event-kbd.
    BOOST_REQUIRE(wait_state("online", 5s, "scan-2"));
    const int w = ::open((dir / "event-kbd").c_str(), O_WRONLY | O_CLOEXEC);
    BOOST_REQUIRE(w >= 0);
    const auto keys = type_text("CEID1:KBD$%*+-./:\r");
    BOOST_REQUIRE(::write(w, keys.data(), keys.size()) == static_cast<ssize_t>(keys.size()));
    BOOST_REQUIRE_EQUAL(wait_events(1), 1u);
    const json e = events().back();
    BOOST_TEST(e["device"] == "scan-2");
    BOOST_TEST(e["point"] == "lib-out");
    BOOST_TEST(e["reason"] == "malformed");
    BOOST_TEST(e["credential"]["kind"] == "eid_qr");
    BOOST_TEST(gw->log().find("not an evdev device") != std::string::npos);
    BOOST_TEST(!anywhere("KBD$%"));
    ::close(w);
}
