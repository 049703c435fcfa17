#pragma once
// Driver "libnfc": an NFC reader (PN532 and the other chips libnfc drives) polled for
// ISO 14443-A cards on its own thread. This is the only code that includes <nfc/nfc.h>
// (in the .cpp).
//
// Presence: a card in the field becomes one Presentation; the same card is not presented
// again until it has left the field, or, with `hold_off` set, until it has stayed that long.
//
// Health: a poll the reader does not answer (UART timeout, garbage, unplugged adapter) is a
// failure; `failures_to_offline` failures in a row mark the reader offline (about 0.6 s for a
// silent PN532 on UART) and it is reopened with capped backoff and jitter until it answers
// again (online). Other readers have their own threads and are unaffected.
//
// card_security:
// - Desfire (campus-card-v1): the card must hold the campus application; it is
//   AES-authenticated with key 1 diversified from the site's read master key and its
//   enciphered credential file read. Success → DesfireAuthed (credential id + UID); a card
//   that is not a DESFire, lacks the application, refuses the key or returns a bad file →
//   CardAuthFailed. A card that leaves during the exchange is not presented.
// - Uid: the UID alone (clonable cards; the composition root logs a warning at start).
//
// Thread-safety: start()/stop() from one thread. The reader thread owns the libnfc handles
// and the master key copy. stop() wakes the thread, calls nfc_abort_command on a command
// waiting for the reader's answer, and joins; a thread stuck longer than `stop_grace` in a
// libnfc call that cannot be aborted (waiting for an ACK) is abandoned: it reports nothing
// more and exits by itself when the call times out.
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "devices/nfc/desfire/bytes.hpp"
#include "gateway/core/device.hpp"

namespace gw::dev::nfc {

enum class CardSecurity { Desfire, Uid };

struct NfcReaderOptions {
    std::string id;
    std::string connstring;  // e.g. "pn532_uart:/dev/ttyUSB0"
    std::chrono::milliseconds poll_interval{30};
    std::chrono::milliseconds hold_off{0};  // re-present a card kept on the reader; 0: never
    std::chrono::milliseconds reopen_min{500};
    std::chrono::milliseconds reopen_max{10000};
    int failures_to_offline = 2;  // unanswered polls in a row before the reader is lost
    std::chrono::milliseconds stop_grace{500};
    CardSecurity security = CardSecurity::Desfire;
    desfire::AesKey desfire_master{};             // the site's read master key (Desfire)
    std::chrono::milliseconds apdu_timeout{500};  // one card exchange, at most
};

class NfcReader final : public core::Device {
public:
    explicit NfcReader(NfcReaderOptions opts);
    ~NfcReader() override;
    const std::string& id() const override { return id_; }
    void start(core::DeviceEvents& events) override;
    void stop() override;

    class Worker;  // the reader thread's state, shared with it (defined in the .cpp)

private:
    std::string id_;
    NfcReaderOptions opts_;
    std::shared_ptr<Worker> worker_;
    std::thread thread_;
};

}  // namespace gw::dev::nfc
