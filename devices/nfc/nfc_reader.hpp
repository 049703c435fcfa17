#pragma once
// Driver "libnfc": an NFC reader (PN532 and the other chips libnfc drives) polled for
// ISO 14443-A cards on its own thread. A card in the field becomes one Presentation; the
// same card is not presented again until it has left the field. The reader is reopened
// with capped backoff when it disappears (availability offline, then online again).
// This is the only code that includes <nfc/nfc.h> (in the .cpp).
//
// card_security: "uid" reads the UID alone (clonable cards; a warning is logged at start).
// "desfire" (AES authentication, campus-card-v1) is the NFC issue's next step; until then
// the registry refuses it with a clear message.
#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "gateway/core/device.hpp"

namespace gw::dev::nfc {

struct NfcReaderOptions {
    std::string id;
    std::string connstring;  // e.g. "pn532_uart:/dev/ttyUSB0"
    std::chrono::milliseconds poll_interval{100};
    std::chrono::milliseconds reopen_max{10000};
};

class NfcReader final : public core::Device {
public:
    explicit NfcReader(NfcReaderOptions opts) : opts_(std::move(opts)) {}
    ~NfcReader() override { stop(); }
    const std::string& id() const override { return opts_.id; }
    void start(core::DeviceEvents& events) override;
    void stop() override;

    struct Session;  // the open libnfc context and device (defined in the .cpp)

private:
    void run(core::DeviceEvents& events);
    void poll_cards(Session& s, core::DeviceEvents& events);
    bool sleep_for(std::chrono::milliseconds d);  // false when stopping

    NfcReaderOptions opts_;
    std::thread thread_;
    std::atomic<bool> stopping_{false};
};

}  // namespace gw::dev::nfc
