// End to end for secure campus cards: the real campusgw binary with a libnfc reader set to
// card_security = "desfire", real libnfc (pn532_uart) talking to the PN532 emulator on a pty,
// a real mosquitto. Asserts what campus systems and admins see: the access events on MQTT
// (decision, reason, person) and the gateway's log (no raw UID, no key).
#define BOOST_TEST_MODULE desfire_daemon
#include <sys/stat.h>

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "devices/nfc/desfire/campus_card.hpp"
#include "gateway_process.hpp"
#include "pn532_emulator.hpp"
#include "tests/support/mosquitto_broker.hpp"
#include "tests/support/mqtt_probe.hpp"
#include "tests/support/temp_dir.hpp"

using namespace gw::test;
using namespace gw::test::pn532;
using namespace std::chrono_literals;
using json = nlohmann::json;
namespace df = gw::dev::nfc::desfire;

namespace {

const std::string kBase = "campus/v1/t-site/t-gw";
const std::string kMasterHex = "00112233445566778899AABBCCDDEEFF";  // campus-card-v1 vector
const df::AesKey kMaster = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
                            0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF};
// The spec's vector: UID 04A1B2C3D4E5F6 under that master → this read key.
const df::AesKey kResidentKey = {0x0C, 0x8B, 0x22, 0xCA, 0x17, 0xB3, 0x66, 0xC8,
                                 0x5B, 0x6A, 0x53, 0x85, 0x3E, 0xAD, 0x5B, 0x89};
const std::string kResidentUid = "04A1B2C3D4E5F6";
const std::string kOtherUid = "04B1B2C3D4E5F6";
const Bytes kResident = {0x04, 0xA1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6};
const Bytes kOther = {0x04, 0xB1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6};

void write(const std::filesystem::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
}

std::string roster_json() {
    json persons = json::array(), creds = json::array();
    for (const char* id : {"p-res", "p-other"})
        persons.push_back({{"id", id},
                           {"role", "student"},
                           {"status", "active"},
                           {"groups", json::array()},
                           {"valid_from", "2024-09-01"},
                           {"valid_to", "2099-07-31"},
                           {"display", "张*明"}});
    creds.push_back({{"id", "c-88122"},
                     {"person", "p-res"},
                     {"kind", "desfire"},
                     {"uid", kResidentUid},
                     {"status", "active"}});
    creds.push_back({{"id", "c-2"},
                     {"person", "p-other"},
                     {"kind", "desfire"},
                     {"uid", kOtherUid},
                     {"status", "active"}});
    json page = {{"site", "t-site"},
                 {"cursor", "0000000000000001"},
                 {"full", true},
                 {"more", false},
                 {"persons", persons},
                 {"credentials", creds},
                 {"deleted", {{"persons", json::array()}, {"credentials", json::array()}}}};
    return page.dump();
}

std::string config_text(const TempDir& dir, uint16_t port, const std::string& tty,
                        const std::string& device_extra) {
    return "[site]\nid = \"t-site\"\nname = \"Test school\"\ntimezone = \"Asia/Shanghai\"\n"
           "[gateway]\nid = \"t-gw\"\nstate_dir = \"" +
           (dir / "state").string() +
           "\"\n"
           "[log]\nlevel = \"debug\"\n"
           "[mqtt]\nurl = \"mqtt://127.0.0.1:" +
           std::to_string(port) +
           "\"\n"
           "[[zone]]\nid = \"lab\"\nkind = \"gate\"\n"
           "[[point]]\nid = \"lab-door\"\nzone = \"lab\"\ndevice = \"nfc-1\"\n"
           "[[device]]\nid = \"nfc-1\"\ndriver = \"libnfc\"\n"
           "connstring = \"pn532_uart:" +
           tty +
           "\"\n"
           "card_security = \"desfire\"\npoll_interval = \"50ms\"\n" +
           device_extra;
}

DesfireApp campus_app(const df::AesKey& read_key, const std::string& credential_id) {
    return DesfireApp::campus(read_key, credential_id);
}

/// Broker, key file, config and roster; the emulator stands in for the reader.
struct DesfireWorld {
    TempDir dir{"campusgw-desfire"};
    MosquittoBroker broker;
    Pn532Emulator emu;
    std::filesystem::path config = dir / "campusgw.toml";
    std::filesystem::path key = dir / "desfire-read.key";

    explicit DesfireWorld(mode_t key_mode = 0600) {
        broker.start();
        write(key, kMasterHex + "\n");
        ::chmod(key.c_str(), key_mode);
        write(config, config_text(dir, broker.port(), emu.path(),
                                  "desfire_key_file = \"" + key.string() + "\"\n"));
        write(dir / "roster.json", roster_json());
        auto r = run_campusgw(
            {"roster", "import", (dir / "roster.json").string(), "--config", config.string()},
            dir.path());
        BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.output);
    }
};

/// A running gateway with a probe on all its topics.
struct Running : DesfireWorld {
    MqttProbe all{broker.host(), broker.port(), kBase + "/#"};
    std::unique_ptr<GatewayProcess> gw;

    Running() {
        BOOST_REQUIRE(all.wait_subscribed(5s));
        gw = std::make_unique<GatewayProcess>(config, dir / "gateway.log");
        BOOST_REQUIRE(gw->wait_log("reader open", 10s));
    }
    std::vector<json> events() const {
        std::vector<json> out;
        for (const auto& m : all.messages())
            if (m.topic == kBase + "/access/gate/lab-door") out.push_back(json::parse(m.payload));
        return out;
    }
    /// Taps `card` (on the reader until its event arrives, then taken away).
    json tap(const Card& card) {
        const size_t before = events().size();
        emu.place_card(card);
        const auto end = std::chrono::steady_clock::now() + 5s;
        while (events().size() == before && std::chrono::steady_clock::now() < end)
            std::this_thread::sleep_for(20ms);
        emu.remove_card();
        std::this_thread::sleep_for(200ms);  // the reader notices the card has left
        BOOST_REQUIRE_EQUAL(events().size(), before + 1);
        return events().back();
    }
};

bool secret_in(const std::string& text) {
    for (const std::string& s :
         {kResidentUid, kOtherUid, kMasterHex, std::string("0C8B22CA17B366C8"),
          std::string("00112233445566778899aabbccddeeff")})
        if (text.find(s) != std::string::npos) return true;
    return false;
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(genuine_card_is_allowed_as_its_holder, Running) {
    const json e = tap(Card::desfire_ev1(kResident, campus_app(kResidentKey, "c-88122")));
    BOOST_TEST(e["decision"] == "allow");
    BOOST_TEST(e["reason"] == "ok");
    BOOST_TEST(e["person"]["id"] == "p-res");
    BOOST_TEST(e["credential"]["kind"] == "desfire");
    BOOST_TEST(e["device"] == "nfc-1");
    // a second person's card, keyed for its own UID, names its own holder
    const df::AesKey other_key = *df::campus_read_key(kMaster, kOther);
    const json o = tap(Card::desfire_ev1(kOther, campus_app(other_key, "c-2")));
    BOOST_TEST(o["decision"] == "allow");
    BOOST_TEST(o["person"]["id"] == "p-other");
    BOOST_TEST(!secret_in(gw->log()));
    BOOST_TEST(gw->log().find("card_security=uid") == std::string::npos);  // no uid warning
}

BOOST_FIXTURE_TEST_CASE(clone_with_the_right_uid_and_a_wrong_key_is_denied, Running) {
    df::AesKey wrong = kResidentKey;
    wrong[7] ^= 0x5A;
    const json e = tap(Card::desfire_ev1(kResident, campus_app(wrong, "c-88122")));
    BOOST_TEST(e["decision"] == "deny");
    BOOST_TEST(e["reason"] == "card_auth_failed");
    BOOST_TEST(!e.contains("person"));
    BOOST_TEST(e["credential"]["kind"] == "desfire");
    BOOST_TEST(gw->log().find("card refused") != std::string::npos);
    BOOST_TEST(!secret_in(gw->log()));
    BOOST_TEST(!secret_in(e.dump()));
}

BOOST_FIXTURE_TEST_CASE(uid_only_card_on_a_desfire_reader_is_denied, Running) {
    const json e = tap(Card::uid_only(kResident));  // a MIFARE Classic with the resident's UID
    BOOST_TEST(e["decision"] == "deny");
    BOOST_TEST(e["reason"] == "card_auth_failed");
    BOOST_TEST(!e.contains("person"));
    // a DESFire without the campus application (a foreign card) is refused the same way
    const json f = tap(Card::desfire_ev1(kResident, std::nullopt));
    BOOST_TEST(f["reason"] == "card_auth_failed");
}

BOOST_FIXTURE_TEST_CASE(genuine_card_claiming_another_credential_is_denied, Running) {
    // a real card of p-other (its key fits its UID) whose file names p-res's credential
    const df::AesKey other_key = *df::campus_read_key(kMaster, kOther);
    const json e = tap(Card::desfire_ev1(kOther, campus_app(other_key, "c-88122")));
    BOOST_TEST(e["decision"] == "deny");
    BOOST_TEST(e["reason"] == "card_auth_failed");
}

BOOST_AUTO_TEST_CASE(a_key_file_others_can_read_refuses_to_start) {
    DesfireWorld w(0644);
    auto r = run_campusgw({"run", "--config", w.config.string()}, w.dir.path());
    BOOST_TEST(r.exit_code == 78);
    BOOST_TEST(r.output.find("desfire_key_file") != std::string::npos, r.output);
    BOOST_TEST(r.output.find("0600") != std::string::npos, r.output);
    BOOST_TEST(!secret_in(r.output));
}

BOOST_AUTO_TEST_CASE(a_desfire_reader_without_a_key_file_is_a_config_error) {
    DesfireWorld w;
    write(w.config, config_text(w.dir, w.broker.port(), w.emu.path(), ""));
    auto r = run_campusgw({"check-config", w.config.string()}, w.dir.path());
    BOOST_TEST(r.exit_code == 78);
    BOOST_TEST(r.output.find("campusgw.toml:") != std::string::npos, r.output);
    BOOST_TEST(r.output.find("needs desfire_key_file") != std::string::npos, r.output);
}
