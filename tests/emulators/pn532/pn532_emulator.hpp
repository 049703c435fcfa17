#pragma once
// A PN532 on a pseudo-terminal, speaking the HSU frame protocol well enough for unmodified
// libnfc (pn532_uart driver): wake-up, SAMConfiguration, Diagnose, GetFirmwareVersion,
// SetParameters, multi-register Read/WriteRegister, RFConfiguration (incl. retries),
// InListPassiveTarget (ISO 14443-A), InDeselect, InRelease, PowerDown, and the presence
// check through InCommunicateThru. Unknown commands get ACK plus the error frame.
// InDataExchange reaches the card's DESFire model when it has one; a card without one
// (a UID-only card) does not answer (RF timeout, status 01).
// One thread serves the pty; the test places and removes cards from its own thread.
//
// Faults, scripted from a test or the demo: the chip goes silent (reads and ignores every
// frame, like a PN532 after a brown-out), answers garbage, or the adapter is unplugged (the
// pty is closed: the device node disappears and libnfc reads EIO) and plugged back in (a new
// pty). Give the constructor a `link` path to get a stable name for the reader, like udev's
// /dev/serial/by-id links: it is re-pointed at the new pty on replug().
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "desfire_card.hpp"
#include "pn532_frame.hpp"

namespace gw::test::pn532 {

/// An ISO 14443-A card in the field.
struct Card {
    Bytes uid;                                         // 4 or 7 bytes
    uint8_t atqa[2] = {0x03, 0x44};                    // SENS_RES (DESFire)
    uint8_t sak = 0x20;                                // SEL_RES (ISO 14443-4 capable)
    Bytes ats = {0x06, 0x75, 0x77, 0x81, 0x02, 0x80};  // with TL first; empty if none
    std::shared_ptr<DesfireCard> desfire;  // answers InDataExchange; null: no ISO 14443-4 app

    /// A DESFire EV1 (ATQA 0344, SAK 20, 7-byte UID) holding `app` (none: no application).
    static Card desfire_ev1(Bytes uid, std::optional<DesfireApp> app);
    /// A UID-only card such as a MIFARE Classic 1K (ATQA 0004, SAK 08, no ATS).
    static Card uid_only(Bytes uid);
};

/// How the chip answers: normally; not at all; with bytes that are no PN532 frame; or with
/// an ACK and then nothing (a chip stuck mid-command: libnfc waits for the answer).
enum class Fault { None, Silent, Garbage, Stall };

class Pn532Emulator {
public:
    /// Opens the pty and starts serving. With `link`, a symlink there names the pty.
    explicit Pn532Emulator(std::filesystem::path link = {});
    ~Pn532Emulator();  // stops and closes
    Pn532Emulator(const Pn532Emulator&) = delete;
    Pn532Emulator& operator=(const Pn532Emulator&) = delete;

    /// The reader's name for libnfc ("pn532_uart:" + path()): the link when there is one,
    /// else the pty's slave side, e.g. "/dev/pts/3".
    const std::string& path() const { return link_.empty() ? pty_path_ : link_str_; }
    void place_card(const Card& c);
    void remove_card();
    bool has_card() const;
    /// Commands received (command codes), for assertions on what libnfc sent.
    std::vector<uint8_t> commands() const;

    void set_fault(Fault f) { fault_ = f; }
    void go_silent() { set_fault(Fault::Silent); }
    void send_garbage() { set_fault(Fault::Garbage); }
    void stall() { set_fault(Fault::Stall); }
    void resume() { set_fault(Fault::None); }
    /// Closes the pty (both sides) and removes the link: the reader is gone.
    void unplug();
    /// A new pty (usually with another /dev/pts number); the link points at it.
    void replug();
    bool plugged() const { return master_ >= 0; }

private:
    void open_pty();
    void serve();
    void handle(const Frame& f);
    void record_and_ack(const Frame& f);
    Bytes respond(const Bytes& cmd);
    Bytes read_registers(const Bytes& cmd);
    Bytes write_registers(const Bytes& cmd);
    Bytes list_passive_target(const Bytes& cmd);
    Bytes data_exchange(const Bytes& cmd);
    void reset_card_locked();
    void send(const Bytes& b);

    int master_ = -1;
    int slave_ = -1;  // kept open so the master never reads EIO when libnfc closes
    std::string pty_path_;
    std::filesystem::path link_;
    std::string link_str_;
    std::thread thread_;
    std::atomic<bool> stop_{false};
    std::atomic<Fault> fault_{Fault::None};
    mutable std::mutex mu_;
    std::optional<Card> card_;
    bool selected_ = false;
    std::vector<uint8_t> commands_;
    uint8_t registers_[0x40] = {};  // CIU registers 0x6300..0x633F
    FrameParser parser_;
};

}  // namespace gw::test::pn532
