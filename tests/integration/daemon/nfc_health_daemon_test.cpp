// End to end for NFC reader health and card presence: the real campusgw binary with two
// libnfc readers (card_security = "uid"), real libnfc (pn532_uart) talking to two PN532
// emulators on ptys reached through stable links (like /dev/serial/by-id), a real mosquitto.
// Faults are scripted on the emulator: the chip goes silent, answers garbage, is unplugged,
// or stalls mid-command. Asserts what campus systems see: `availability` and access events.
#define BOOST_TEST_MODULE nfc_health_daemon
#include <boost/test/unit_test.hpp>
#include <csignal>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <tuple>

#include "gateway_process.hpp"
#include "pn532_emulator.hpp"
#include "tests/support/mosquitto_broker.hpp"
#include "tests/support/mqtt_probe.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/time_scale.hpp"

using namespace gw::test;
using namespace gw::test::pn532;
using namespace std::chrono_literals;
using json = nlohmann::json;
using SteadyClock = std::chrono::steady_clock;

namespace {

const std::string kBase = "campus/v1/t-site/t-gw";
const std::string kUidA = "04A1B2C3D4E5F6";
const std::string kUidB = "04B1B2C3D4E5F6";
const Card kCardA = Card::uid_only({0x04, 0xA1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6});
const Card kCardB = Card::uid_only({0x04, 0xB1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6});

void write(const std::filesystem::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
}

std::string roster_json() {
    json persons = json::array(), creds = json::array();
    for (const auto& [pid, cid, uid] : {std::tuple{"p-a", "c-a", kUidA}, {"p-b", "c-b", kUidB}}) {
        persons.push_back({{"id", pid},
                           {"role", "student"},
                           {"status", "active"},
                           {"groups", json::array()},
                           {"valid_from", "2024-09-01"},
                           {"valid_to", "2099-07-31"},
                           {"display", "x"}});
        creds.push_back({{"id", cid},
                         {"person", pid},
                         {"kind", "nfc_uid"},
                         {"uid", uid},
                         {"status", "active"}});
    }
    json page = {{"site", "t-site"},
                 {"cursor", "0000000000000001"},
                 {"full", true},
                 {"more", false},
                 {"persons", persons},
                 {"credentials", creds},
                 {"deleted", {{"persons", json::array()}, {"credentials", json::array()}}}};
    return page.dump();
}

std::string reader(const std::string& id, const std::string& path, const std::string& extra) {
    return "[[point]]\nid = \"" + id + "-door\"\nzone = \"lab\"\ndevice = \"" + id + "\"\n" +
           "[[device]]\nid = \"" + id +
           "\"\ndriver = \"libnfc\"\nconnstring = \"pn532_uart:" + path +
           "\"\ncard_security = \"uid\"\npoll_interval = \"30ms\"\n" + "reopen_max = \"1s\"\n" +
           extra;
}

/// Broker, roster, two emulated readers (nfc-1, nfc-2) and a running gateway.
struct TwoReaders {
    TempDir dir{"campusgw-nfc-health"};
    MosquittoBroker broker;
    Pn532Emulator emu1{dir / "ttyNFC1"};
    Pn532Emulator emu2{dir / "ttyNFC2"};
    std::unique_ptr<MqttProbe> all;
    std::unique_ptr<GatewayProcess> gw;

    explicit TwoReaders(const std::string& nfc2_extra = "") {
        broker.start();
        const auto config = dir / "campusgw.toml";
        write(config,
              "[site]\nid = \"t-site\"\nname = \"T\"\ntimezone = \"Asia/Shanghai\"\n"
              "[gateway]\nid = \"t-gw\"\nstate_dir = \"" +
                  (dir / "state").string() +
                  "\"\n"
                  "[log]\nlevel = \"debug\"\n"
                  "[mqtt]\nurl = \"mqtt://127.0.0.1:" +
                  std::to_string(broker.port()) +
                  "\"\n"
                  "[[zone]]\nid = \"lab\"\nkind = \"gate\"\n" +
                  reader("nfc-1", emu1.path(), "") + reader("nfc-2", emu2.path(), nfc2_extra));
        write(dir / "roster.json", roster_json());
        auto r = run_campusgw(
            {"roster", "import", (dir / "roster.json").string(), "--config", config.string()},
            dir.path());
        BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.output);
        all = std::make_unique<MqttProbe>(broker.host(), broker.port(), kBase + "/#");
        BOOST_REQUIRE(all->wait_subscribed(5s));
        gw = std::make_unique<GatewayProcess>(config, dir / "gateway.log");
        BOOST_REQUIRE(wait_state("nfc-1", "online", 10s));
        BOOST_REQUIRE(wait_state("nfc-2", "online", 10s));
    }

    /// The states published on a device's availability topic, in order.
    std::vector<std::string> states(const std::string& device) const {
        std::vector<std::string> out;
        for (const auto& m : all->messages())
            if (m.topic == kBase + "/devices/" + device + "/availability")
                out.push_back(json::parse(m.payload)["state"]);
        return out;
    }
    bool wait_state(const std::string& device, const std::string& state,
                    std::chrono::milliseconds timeout) const {
        const auto end = SteadyClock::now() + timeout;
        do {
            const auto s = states(device);
            if (!s.empty() && s.back() == state) return true;
            std::this_thread::sleep_for(10ms);
        } while (SteadyClock::now() < end);
        return false;
    }
    std::vector<json> events(const std::string& device) const {
        std::vector<json> out;
        for (const auto& m : all->messages())
            if (m.topic.starts_with(kBase + "/access/")) {
                auto e = json::parse(m.payload);
                if (e["device"] == device) out.push_back(e);
            }
        return out;
    }
    size_t wait_events(const std::string& device, size_t n, std::chrono::milliseconds t) const {
        const auto end = SteadyClock::now() + t;
        while (events(device).size() < n && SteadyClock::now() < end)
            std::this_thread::sleep_for(10ms);
        return events(device).size();
    }
    /// A card on `emu` until its event arrives, then taken away; the event.
    json tap(Pn532Emulator& emu, const std::string& device, const Card& card) {
        const size_t before = events(device).size();
        emu.place_card(card);
        const size_t n = wait_events(device, before + 1, 5s);
        emu.remove_card();
        std::this_thread::sleep_for(150ms);  // the reader notices the card has left
        BOOST_REQUIRE_EQUAL(n, before + 1);
        return events(device).back();
    }
    /// The fault takes nfc-1 offline within 2 s; nfc-2 keeps working meanwhile; after
    /// `heal` nfc-1 is online again and reads cards, in the same gateway process.
    void outage_and_recovery(const std::function<void()>& fault,
                             const std::function<void()>& heal) {
        const auto pid = gw->process().pid();
        const auto t0 = SteadyClock::now();
        fault();
        BOOST_REQUIRE(wait_state("nfc-1", "offline", scaled(3s)));
        const auto took = SteadyClock::now() - t0;
        BOOST_TEST((took < scaled(2s)),
                   "offline after "
                       << std::chrono::duration_cast<std::chrono::milliseconds>(took).count()
                       << " ms");
        BOOST_TEST(tap(emu2, "nfc-2", kCardB)["decision"] == "allow");  // unaffected
        heal();
        BOOST_REQUIRE(wait_state("nfc-1", "online", 5s));
        const json e = tap(emu1, "nfc-1", kCardA);
        BOOST_TEST(e["decision"] == "allow");
        BOOST_TEST(e["person"]["id"] == "p-a");
        BOOST_TEST(gw->process().running());
        BOOST_TEST(gw->process().pid() == pid);
        for (const auto& s : states("nfc-2")) BOOST_TEST(s != "offline");
        BOOST_TEST(gw->log().find(kUidA) == std::string::npos);  // no raw UID in the log
    }
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(a_silent_reader_goes_offline_and_comes_back, TwoReaders) {
    outage_and_recovery([&] { emu1.go_silent(); }, [&] { emu1.resume(); });
    BOOST_TEST(gw->log().find("reader lost; reopening") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(a_reader_answering_garbage_goes_offline_and_comes_back, TwoReaders) {
    outage_and_recovery([&] { emu1.send_garbage(); }, [&] { emu1.resume(); });
}

BOOST_FIXTURE_TEST_CASE(an_unplugged_reader_is_reopened_when_plugged_back_in, TwoReaders) {
    outage_and_recovery([&] { emu1.unplug(); },
                        [&] {
                            std::this_thread::sleep_for(1500ms);  // a few failed reopens
                            emu1.replug();
                        });
}

BOOST_FIXTURE_TEST_CASE(a_card_left_on_the_reader_gives_one_event, TwoReaders) {
    emu1.place_card(kCardA);
    BOOST_REQUIRE_EQUAL(wait_events("nfc-1", 1, 5s), 1u);
    std::this_thread::sleep_for(1500ms);
    BOOST_TEST(events("nfc-1").size() == 1u);
    emu1.remove_card();
    std::this_thread::sleep_for(150ms);
    // taken away and presented again: a second visit, a second event
    emu1.place_card(kCardA);
    BOOST_TEST(wait_events("nfc-1", 2, 5s) == 2u);
    emu1.remove_card();
}

BOOST_FIXTURE_TEST_CASE(two_cards_in_a_row_give_two_events, TwoReaders) {
    const json a = tap(emu1, "nfc-1", kCardA);
    const json b = tap(emu1, "nfc-1", kCardB);
    BOOST_TEST(a["person"]["id"] == "p-a");
    BOOST_TEST(b["person"]["id"] == "p-b");
    // swapped without a gap the reader cannot see: B replaces A in the field
    emu1.place_card(kCardA);
    BOOST_REQUIRE_EQUAL(wait_events("nfc-1", 3, 5s), 3u);
    emu1.place_card(kCardB);
    BOOST_TEST(wait_events("nfc-1", 4, 5s) == 4u);
    BOOST_TEST(events("nfc-1").back()["person"]["id"] == "p-b");
}

struct HoldOffReader : TwoReaders {
    HoldOffReader() : TwoReaders("hold_off = \"500ms\"\n") {}
};

BOOST_FIXTURE_TEST_CASE(with_a_hold_off_a_card_kept_on_the_reader_is_presented_again,
                        HoldOffReader) {
    emu2.place_card(kCardB);
    BOOST_REQUIRE_EQUAL(wait_events("nfc-2", 1, 5s), 1u);
    std::this_thread::sleep_for(1300ms);  // presented at ~0, ~0.55 s, ~1.1 s
    const size_t n = events("nfc-2").size();
    BOOST_TEST(n >= 2u);
    BOOST_TEST(n <= 3u);
    emu2.remove_card();
    // the reader without a hold-off presented its card once in the same time
    emu1.place_card(kCardA);
    BOOST_REQUIRE_EQUAL(wait_events("nfc-1", 1, 5s), 1u);
    std::this_thread::sleep_for(1300ms);
    BOOST_TEST(events("nfc-1").size() == 1u);
}

namespace {

/// Waits for the emulator to receive a command (a stalled chip ACKs it and never answers,
/// so the sender is now inside libnfc waiting), then sends SIGTERM; the time to exit.
std::chrono::milliseconds sigterm_during_next_command(Pn532Emulator& emu, ChildProcess& gw) {
    const size_t sent = emu.commands().size();
    const auto wait_end = SteadyClock::now() + 5s;
    while (emu.commands().size() == sent && SteadyClock::now() < wait_end)
        std::this_thread::sleep_for(1ms);
    BOOST_REQUIRE(emu.commands().size() > sent);
    std::this_thread::sleep_for(20ms);
    const auto t0 = SteadyClock::now();
    gw.signal(SIGTERM);
    const auto rc = gw.wait_for(5s);
    const auto took =
        std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - t0);
    BOOST_REQUIRE(rc.has_value());
    BOOST_TEST(*rc == 0);
    return took;
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(sigterm_while_a_poll_is_blocked_exits_within_a_second, TwoReaders) {
    emu1.stall();  // the next poll (InListPassiveTarget) is ACKed and never answered
    const auto took = sigterm_during_next_command(emu1, gw->process());
    BOOST_TEST((took < scaled(1s)), "stopped after " << took.count() << " ms");
    // nfc_abort_command ended the wait: no thread had to be abandoned
    BOOST_TEST(gw->log().find("abandoned") == std::string::npos, gw->log());
    BOOST_TEST(gw->log().find("campusgw stopped") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(sigterm_while_a_reader_is_being_reopened_exits_within_a_second,
                        TwoReaders) {
    // Reopening a stalled chip waits up to 1 s inside nfc_open (SAMConfiguration), where
    // libnfc offers no abort: stop() abandons that thread after its grace and exits anyway.
    emu1.stall();
    BOOST_REQUIRE(wait_state("nfc-1", "offline", 3s));
    const auto took = sigterm_during_next_command(emu1, gw->process());
    BOOST_TEST((took < scaled(1s)), "stopped after " << took.count() << " ms");
    BOOST_TEST(gw->log().find("campusgw stopped") != std::string::npos);
}
