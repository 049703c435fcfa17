// The PN532 emulator: its frame codec on commented byte arrays, and the real libnfc
// pn532_uart driver talking to it over a pseudo-terminal.
#define BOOST_TEST_MODULE pn532_emulator
#include <boost/test/unit_test.hpp>

#include <nfc/nfc.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "pn532_emulator.hpp"

using namespace gw::test::pn532;

namespace {

std::vector<Frame> parse_all(const Bytes& in, bool byte_by_byte) {
    FrameParser p;
    std::vector<Frame> out;
    if (byte_by_byte) {
        for (uint8_t b : in) {
            p.feed(&b, 1);
            while (auto f = p.next()) out.push_back(*f);
        }
    } else {
        p.feed(in);
        while (auto f = p.next()) out.push_back(*f);
    }
    return out;
}

// libnfc's wake-up followed by SAMConfiguration(normal), as captured on the wire.
const Bytes kWakeupThenSam = {
    0x55, 0x55, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // wake-up: 55 55 + zeros
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00,                          //
    0x00, 0x00, 0xff,  // preamble, start code
    0x03, 0xfd,        // LEN = 3 (TFI + 2), LCS
    0xd4, 0x14, 0x01,  // TFI host→chip, SAMConfiguration, mode normal
    0x17, 0x00,        // DCS, postamble
};

}  // namespace

BOOST_AUTO_TEST_CASE(wakeup_noise_is_skipped_and_the_frame_decoded) {
    for (bool bytewise : {false, true}) {
        auto frames = parse_all(kWakeupThenSam, bytewise);
        BOOST_REQUIRE_EQUAL(frames.size(), 1u);
        BOOST_TEST(frames[0].tfi == 0xd4);
        BOOST_TEST(frames[0].data == (Bytes{0x14, 0x01}), boost::test_tools::per_element());
    }
}

BOOST_AUTO_TEST_CASE(builder_matches_the_captured_bytes) {
    // GetFirmwareVersion answer from the libnfc trace: 00 00 FF 06 FA D5 03 32 01 06 07 E8 00
    BOOST_TEST(build_frame(0xd5, {0x03, 0x32, 0x01, 0x06, 0x07}) ==
                   (Bytes{0x00, 0x00, 0xff, 0x06, 0xfa, 0xd5, 0x03, 0x32, 0x01, 0x06, 0x07, 0xe8, 0x00}),
               boost::test_tools::per_element());
    BOOST_TEST(ack_frame() == (Bytes{0x00, 0x00, 0xff, 0x00, 0xff, 0x00}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(ack_bad_checksums_and_extended_frames) {
    Bytes in = ack_frame();
    in.insert(in.end(), {0x00, 0x00, 0xff, 0x03, 0xfc, 0xd4, 0x14, 0x01, 0x17, 0x00});  // bad LCS
    in.insert(in.end(), {0x00, 0x00, 0xff, 0x03, 0xfd, 0xd4, 0x14, 0x01, 0x99, 0x00});  // bad DCS
    Bytes big(300, 0xab);
    big[0] = 0x40;
    const Bytes ext = build_frame(0xd4, big);
    BOOST_TEST(ext[3] == 0xff);  // extended: FF FF LENm LENl LCS
    in.insert(in.end(), ext.begin(), ext.end());
    for (bool bytewise : {false, true}) {
        auto frames = parse_all(in, bytewise);
        BOOST_REQUIRE_EQUAL(frames.size(), 4u);
        BOOST_TEST((frames[0].kind == Frame::Kind::Ack));
        BOOST_TEST((frames[1].kind == Frame::Kind::Broken));
        BOOST_TEST((frames[2].kind == Frame::Kind::Broken));
        BOOST_TEST((frames[3].kind == Frame::Kind::Information));
        BOOST_TEST(frames[3].data.size() == 300u);
    }
}

BOOST_AUTO_TEST_CASE(real_libnfc_reads_the_uid_through_the_emulator) {
    Pn532Emulator emu;
    Card card;
    card.uid = {0x04, 0xa1, 0xb2, 0xc3, 0xd4, 0xe5, 0xf6};
    emu.place_card(card);

    nfc_context* ctx = nullptr;
    nfc_init(&ctx);
    BOOST_REQUIRE(ctx);
    const std::string conn = "pn532_uart:" + emu.path();
    nfc_device* dev = nfc_open(ctx, conn.c_str());
    BOOST_REQUIRE_MESSAGE(dev, "nfc_open failed for " << conn);
    BOOST_TEST(std::string(nfc_device_get_name(dev)).find("pn532_uart") != std::string::npos);
    BOOST_REQUIRE(nfc_initiator_init(dev) >= 0);

    const nfc_modulation mod{NMT_ISO14443A, NBR_106};
    nfc_target t{};
    BOOST_REQUIRE_EQUAL(nfc_initiator_select_passive_target(dev, mod, nullptr, 0, &t), 1);
    BOOST_TEST(t.nti.nai.szUidLen == 7u);
    BOOST_TEST(Bytes(t.nti.nai.abtUid, t.nti.nai.abtUid + 7) == card.uid,
               boost::test_tools::per_element());
    BOOST_TEST(t.nti.nai.btSak == 0x20);
    BOOST_TEST(nfc_initiator_target_is_present(dev, &t) == 0);  // 0 = NFC_SUCCESS: present

    emu.remove_card();
    BOOST_TEST(nfc_initiator_target_is_present(dev, &t) < 0);   // gone
    BOOST_TEST(nfc_initiator_select_passive_target(dev, mod, nullptr, 0, &t) <= 0);
    nfc_close(dev);
    nfc_exit(ctx);

    const auto cmds = emu.commands();
    for (int expected : {0x14, 0x00, 0x02, 0x12, 0x4a, 0x52}) {
        const auto code = static_cast<uint8_t>(expected);
        BOOST_TEST((std::find(cmds.begin(), cmds.end(), code) != cmds.end()), "command " << expected);
    }
}

namespace {

/// libnfc's view of one reader: open, init, and one poll for a card.
struct LibnfcReader {
    nfc_context* ctx = nullptr;
    nfc_device* dev = nullptr;
    explicit LibnfcReader(const std::string& path) {
        nfc_init(&ctx);
        const std::string conn = "pn532_uart:" + path;
        if (ctx) dev = nfc_open(ctx, conn.c_str());
        if (dev && nfc_initiator_init(dev) < 0) close();
    }
    ~LibnfcReader() {
        close();
        if (ctx) nfc_exit(ctx);
    }
    void close() {
        if (dev) nfc_close(dev);
        dev = nullptr;
    }
    int poll() {
        const nfc_modulation mod{NMT_ISO14443A, NBR_106};
        nfc_target t{};
        return nfc_initiator_select_passive_target(dev, mod, nullptr, 0, &t);
    }
};

}  // namespace

BOOST_AUTO_TEST_CASE(scripted_faults_silent_garbage_stall_and_resume) {
    Pn532Emulator emu;
    emu.place_card(Card::uid_only({0x04, 0x11, 0x22, 0x33}));
    LibnfcReader r(emu.path());
    BOOST_REQUIRE(r.dev);
    BOOST_TEST(r.poll() == 1);
    for (Fault f : {Fault::Silent, Fault::Garbage, Fault::Stall}) {
        emu.set_fault(f);
        BOOST_TEST(r.poll() < 0, "fault " << static_cast<int>(f));
        emu.resume();
        BOOST_TEST(r.poll() == 1, "after fault " << static_cast<int>(f));
    }
}

BOOST_AUTO_TEST_CASE(unplug_and_replug_behind_a_stable_link) {
    const auto link = std::filesystem::temp_directory_path() /
                      ("pn532-link-" + std::to_string(::getpid()));
    Pn532Emulator emu(link);
    BOOST_TEST(emu.path() == link.string());
    LibnfcReader before(emu.path());
    BOOST_REQUIRE(before.dev);
    emu.unplug();
    BOOST_TEST(!std::filesystem::exists(link));
    BOOST_TEST(before.poll() < 0);  // EIO: the adapter is gone
    BOOST_TEST(!LibnfcReader(emu.path()).dev);
    emu.replug();
    emu.place_card(Card::uid_only({0x04, 0x11, 0x22, 0x33}));
    LibnfcReader after(emu.path());
    BOOST_REQUIRE(after.dev);
    BOOST_TEST(after.poll() == 1);
}

BOOST_AUTO_TEST_CASE(nfc_abort_command_ends_a_wait_for_a_stalled_chip) {
    // What the reader's stop() relies on: libnfc's pn532_uart driver waits for the answer
    // with an abort pipe, so nfc_abort_command from another thread ends the wait at once.
    Pn532Emulator emu;
    emu.place_card(Card::desfire_ev1({0x04, 0xA1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6}, std::nullopt));
    LibnfcReader r(emu.path());
    BOOST_REQUIRE(r.dev);
    BOOST_REQUIRE_EQUAL(r.poll(), 1);
    emu.stall();
    const uint8_t apdu[] = {0x90, 0x60, 0x00, 0x00, 0x00};  // GetVersion, never answered
    uint8_t rx[64];
    std::atomic<int> res{1};
    const auto t0 = std::chrono::steady_clock::now();
    std::thread waiter([&] {
        res = nfc_initiator_transceive_bytes(r.dev, apdu, sizeof apdu, rx, sizeof rx, 5000);
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    nfc_abort_command(r.dev);
    waiter.join();
    BOOST_TEST((std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(1000)));
    BOOST_TEST(res.load() != 1);
}
