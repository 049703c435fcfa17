#pragma once
// A PN532 on a pseudo-terminal, speaking the HSU frame protocol well enough for unmodified
// libnfc (pn532_uart driver): wake-up, SAMConfiguration, Diagnose, GetFirmwareVersion,
// SetParameters, multi-register Read/WriteRegister, RFConfiguration (incl. retries),
// InListPassiveTarget (ISO 14443-A), InDeselect, InRelease, PowerDown, and the presence
// check through InCommunicateThru. Unknown commands get ACK plus the error frame.
// InDataExchange reaches the card's DESFire model when it has one; a card without one
// (a UID-only card) does not answer (RF timeout, status 01).
// One thread serves the pty; the test places and removes cards from its own thread.
#include <atomic>
#include <cstdint>
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
    Bytes uid;                      // 4 or 7 bytes
    uint8_t atqa[2] = {0x03, 0x44}; // SENS_RES (DESFire)
    uint8_t sak = 0x20;             // SEL_RES (ISO 14443-4 capable)
    Bytes ats = {0x06, 0x75, 0x77, 0x81, 0x02, 0x80};  // with TL first; empty if none
    std::shared_ptr<DesfireCard> desfire;  // answers InDataExchange; null: no ISO 14443-4 app

    /// A DESFire EV1 (ATQA 0344, SAK 20, 7-byte UID) holding `app` (none: no application).
    static Card desfire_ev1(Bytes uid, std::optional<DesfireApp> app);
    /// A UID-only card such as a MIFARE Classic 1K (ATQA 0004, SAK 08, no ATS).
    static Card uid_only(Bytes uid);
};

class Pn532Emulator {
public:
    Pn532Emulator();   // opens the pty and starts serving
    ~Pn532Emulator();  // stops and closes
    Pn532Emulator(const Pn532Emulator&) = delete;
    Pn532Emulator& operator=(const Pn532Emulator&) = delete;

    /// The slave side, e.g. "/dev/pts/3": use "pn532_uart:" + path() with libnfc.
    const std::string& path() const { return path_; }
    void place_card(const Card& c);
    void remove_card();
    /// Commands received (command codes), for assertions on what libnfc sent.
    std::vector<uint8_t> commands() const;

private:
    void serve();
    void handle(const Frame& f);
    Bytes respond(const Bytes& cmd);
    Bytes read_registers(const Bytes& cmd);
    Bytes write_registers(const Bytes& cmd);
    Bytes list_passive_target(const Bytes& cmd);
    Bytes data_exchange(const Bytes& cmd);
    void reset_card_locked();
    void send(const Bytes& b);

    int master_ = -1;
    int slave_ = -1;  // kept open so the master never reads EIO when libnfc closes
    std::string path_;
    std::thread thread_;
    std::atomic<bool> stop_{false};
    mutable std::mutex mu_;
    std::optional<Card> card_;
    bool selected_ = false;
    std::vector<uint8_t> commands_;
    uint8_t registers_[0x40] = {};  // CIU registers 0x6300..0x633F
    FrameParser parser_;
};

}  // namespace gw::test::pn532
