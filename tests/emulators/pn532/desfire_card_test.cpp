// The campus card flow (CampusCardReader) against the emulator's DESFire card model: first
// directly (APDUs in process), then through the real libnfc pn532_uart driver and the PN532
// emulator on a pty (InDataExchange with the APDUs libfreefare also sends).
#define BOOST_TEST_MODULE desfire_card
#include <nfc/nfc.h>

#include <boost/test/unit_test.hpp>

#include "devices/nfc/desfire/campus_card_reader.hpp"
#include "devices/nfc/desfire/desfire_error.hpp"
#include "pn532_emulator.hpp"

using namespace gw::test::pn532;
namespace df = gw::dev::nfc::desfire;

namespace {

// campus-card-v1 vector: master 0011..EEFF, UID 04A1B2C3D4E5F6 → read key 0C8B..5B89.
const df::AesKey kMaster = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
                            0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF};
const df::AesKey kCardKey = {0x0C, 0x8B, 0x22, 0xCA, 0x17, 0xB3, 0x66, 0xC8,
                             0x5B, 0x6A, 0x53, 0x85, 0x3E, 0xAD, 0x5B, 0x89};
const Bytes kUid = {0x04, 0xA1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6};

DesfireApp campus_app(const df::AesKey& read_key, const std::string& id = "c-88122") {
    return DesfireApp::campus(read_key, id);
}

/// APDUs straight into a card model.
class DirectLink final : public df::CardTransceiver {
public:
    explicit DirectLink(DesfireCard& c) : card_(c) {}
    gw::core::Result<df::Bytes> transceive(df::ByteView apdu) override {
        return card_.handle(Bytes(apdu.begin(), apdu.end()));
    }

private:
    DesfireCard& card_;
};

bool is(const gw::core::Error& e, df::DesfireErrc want) {
    return e.code == make_error_code(want);
}

gw::core::Result<std::string> read_direct(DesfireCard& card, const Bytes& uid = kUid) {
    DirectLink link(card);
    return df::CampusCardReader(kMaster).read_credential(link, uid);
}

}  // namespace

BOOST_AUTO_TEST_CASE(genuine_card_yields_its_credential_id) {
    DesfireCard card(campus_app(kCardKey));
    auto id = read_direct(card);
    BOOST_REQUIRE_MESSAGE(id, (id ? std::string() : id.error().message()));
    BOOST_TEST(*id == "c-88122");
    BOOST_TEST(card.auth_ok() == 1);
    // twice in a row: a fresh session each time
    BOOST_TEST(*read_direct(card) == "c-88122");
}

BOOST_AUTO_TEST_CASE(clone_with_the_right_uid_but_a_wrong_key_is_refused_by_the_card) {
    df::AesKey guessed = kCardKey;
    guessed[15] ^= 0x01;
    DesfireCard clone(campus_app(guessed));
    auto r = read_direct(clone);
    BOOST_REQUIRE(!r);
    BOOST_TEST(is(r.error(), df::DesfireErrc::AuthenticationError));
    BOOST_TEST(clone.auth_failed() == 1);
}

BOOST_AUTO_TEST_CASE(a_genuine_card_key_does_not_fit_another_uid) {
    DesfireCard card(campus_app(kCardKey));
    auto r = read_direct(card, {0x04, 0xB1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6});
    BOOST_TEST(is(r.error(), df::DesfireErrc::AuthenticationError));
}

BOOST_AUTO_TEST_CASE(cards_without_the_application_or_with_a_bad_file) {
    DesfireCard empty(std::nullopt);
    BOOST_TEST(is(read_direct(empty).error(), df::DesfireErrc::ApplicationNotFound));
    DesfireApp garbage = campus_app(kCardKey);
    garbage.file.assign(48, 0x00);  // no id
    DesfireCard blank(garbage);
    BOOST_TEST(is(read_direct(blank).error(), df::DesfireErrc::BadCredential));
    DesfireApp short_file = campus_app(kCardKey);
    short_file.file.resize(32);  // ReadData of 48 bytes runs past the end
    DesfireCard small(short_file);
    BOOST_TEST(is(read_direct(small).error(), df::DesfireErrc::CardStatus));
}

BOOST_AUTO_TEST_CASE(card_model_errors) {
    DesfireCard card(campus_app(kCardKey));
    BOOST_TEST(card.handle({0x90, 0xBD, 0, 0, 7, 1, 0, 0, 0, 48, 0, 0, 0}) == (Bytes{0x91, 0xAE}),
               boost::test_tools::per_element());  // not authenticated
    BOOST_TEST(card.handle({0x90, 0x5A, 0, 0, 3, 0x02, 0x10, 0xF5, 0}) == (Bytes{0x91, 0xA0}),
               boost::test_tools::per_element());  // no such application
    BOOST_TEST(card.handle({0x90, 0x6A, 0, 0, 0}) == (Bytes{0x91, 0x1C}),
               boost::test_tools::per_element());  // GetApplicationIDs: not modelled
    BOOST_TEST(card.handle({0x00, 0xA4, 0x04, 0x00, 0x00}) == (Bytes{0x6E, 0x00}),
               boost::test_tools::per_element());  // not a native wrap
}

namespace {

/// The reader side over real libnfc, as the driver does it.
class LibnfcLink final : public df::CardTransceiver {
public:
    explicit LibnfcLink(nfc_device* d) : dev_(d) {}
    gw::core::Result<df::Bytes> transceive(df::ByteView apdu) override {
        uint8_t rx[264];
        const int n =
            nfc_initiator_transceive_bytes(dev_, apdu.data(), apdu.size(), rx, sizeof rx, 500);
        if (n < 0) return gw::core::Error{make_error_code(df::DesfireErrc::CardSilent), "rf"};
        return df::Bytes(rx, rx + n);
    }

private:
    nfc_device* dev_;
};

struct Libnfc {
    nfc_context* ctx = nullptr;
    nfc_device* dev = nullptr;
    explicit Libnfc(const std::string& path) {
        nfc_init(&ctx);
        BOOST_REQUIRE(ctx);
        dev = nfc_open(ctx, ("pn532_uart:" + path).c_str());
        BOOST_REQUIRE(dev);
        BOOST_REQUIRE(nfc_initiator_init(dev) >= 0);
    }
    ~Libnfc() {
        if (dev) nfc_close(dev);
        if (ctx) nfc_exit(ctx);
    }
    bool select(nfc_target& t) {
        const nfc_modulation mod{NMT_ISO14443A, NBR_106};
        return nfc_initiator_select_passive_target(dev, mod, nullptr, 0, &t) == 1;
    }
};

}  // namespace

BOOST_AUTO_TEST_CASE(through_real_libnfc_and_the_pn532_emulator) {
    Pn532Emulator emu;
    Libnfc nfc(emu.path());
    LibnfcLink link(nfc.dev);
    df::CampusCardReader reader(kMaster);

    emu.place_card(Card::desfire_ev1(kUid, campus_app(kCardKey)));
    nfc_target t{};
    BOOST_REQUIRE(nfc.select(t));
    BOOST_TEST(t.nti.nai.btSak == 0x20);
    auto id = reader.read_credential(link, df::ByteView(t.nti.nai.abtUid, t.nti.nai.szUidLen));
    BOOST_REQUIRE_MESSAGE(id, (id ? std::string() : id.error().message()));
    BOOST_TEST(*id == "c-88122");

    df::AesKey other = kCardKey;
    other[0] ^= 0xFF;
    emu.place_card(Card::desfire_ev1(kUid, campus_app(other)));  // a clone
    BOOST_REQUIRE(nfc.select(t));
    auto clone = reader.read_credential(link, kUid);
    BOOST_TEST(is(clone.error(), df::DesfireErrc::AuthenticationError));

    emu.place_card(Card::uid_only(kUid));  // UID-only: no ISO 14443-4, no answer to APDUs
    BOOST_REQUIRE(nfc.select(t));
    BOOST_TEST(t.nti.nai.btSak == 0x08);
    BOOST_TEST(is(reader.read_credential(link, kUid).error(), df::DesfireErrc::CardSilent));
}
