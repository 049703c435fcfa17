#pragma once
// Driver "libnfc": an NFC reader (PN532 and the other chips libnfc drives) polled for
// ISO 14443-A cards on its own thread. A card in the field becomes one Presentation; the
// same card is not presented again until it has left the field. The reader is reopened
// with capped backoff when it disappears (availability offline, then online again).
// This is the only code that includes <nfc/nfc.h> (in the .cpp).
//
// card_security:
// - Desfire (campus-card-v1): the card must hold the campus application; it is
//   AES-authenticated with key 1 diversified from the site's read master key and its
//   enciphered credential file read. Success → DesfireAuthed (credential id + UID); a card
//   that is not a DESFire, lacks the application, refuses the key or returns a bad file →
//   CardAuthFailed. A card that leaves during the exchange is not presented.
// - Uid: the UID alone (clonable cards; the composition root logs a warning at start).
// Thread-safety: start()/stop() from one thread; the reader thread owns the libnfc handles
// and the master key copy. stop() returns within about one APDU timeout.
#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <thread>

#include "devices/nfc/desfire/campus_card_reader.hpp"
#include "gateway/core/device.hpp"

namespace gw::dev::nfc {

enum class CardSecurity { Desfire, Uid };

struct NfcReaderOptions {
    std::string id;
    std::string connstring;  // e.g. "pn532_uart:/dev/ttyUSB0"
    std::chrono::milliseconds poll_interval{100};
    std::chrono::milliseconds reopen_max{10000};
    CardSecurity security = CardSecurity::Desfire;
    desfire::AesKey desfire_master{};             // the site's read master key (Desfire)
    std::chrono::milliseconds apdu_timeout{500};  // one card exchange, at most
};

class NfcReader final : public core::Device {
public:
    explicit NfcReader(NfcReaderOptions opts)
        : opts_(std::move(opts)), campus_cards_(opts_.desfire_master) {}
    ~NfcReader() override { stop(); }
    const std::string& id() const override { return opts_.id; }
    void start(core::DeviceEvents& events) override;
    void stop() override;

    struct Session;  // the open libnfc context and device (defined in the .cpp)
    struct Target;   // the card in the field (libnfc's nfc_target, in the .cpp)

private:
    void run(core::DeviceEvents& events);
    void poll_cards(Session& s, core::DeviceEvents& events);
    std::optional<core::Presentation> read_card(Session& s, Target& t);
    core::Result<std::string> authenticate(Session& s, const Target& t);
    bool sleep_for(std::chrono::milliseconds d);  // false when stopping

    NfcReaderOptions opts_;
    desfire::CampusCardReader campus_cards_;
    std::thread thread_;
    std::atomic<bool> stopping_{false};
};

}  // namespace gw::dev::nfc
