#pragma once
// Driver "serial_scanner": a QR / 场所码 scanner in serial mode, on a USB CDC-ACM
// (/dev/ttyACM*) or RS-232 (/dev/ttyUSB*, /dev/ttyS*, /dev/ttyAMA*) tty.
//
// The tty is opened O_NOCTTY | O_NONBLOCK, made exclusive (TIOCEXCL) and set to raw mode:
// 8 data bits, 1 stop bit, `baud`, `parity` (with parity, a byte with a parity error reads
// as NUL, so its code is dropped as garbage; a break reads as NUL too), no flow control,
// modem lines ignored. Codes end at CR, LF or CRLF, or after `idle_terminator` of silence
// (LineFramer); each becomes a Presentation of kind QrText whose `secret` is the text.
//
// Health, reopening, stop and counters: see ScannerThread. Online detail: "<path> 9600 8N1".
// Thread-safety: start()/stop() from one thread; counters()/scan_counters() from any.
#include <chrono>
#include <optional>
#include <string>

#include "devices/scanner/line_framer.hpp"
#include "devices/scanner/scanner_device.hpp"
#include "devices/scanner/scanner_thread.hpp"
#include "gateway/core/device.hpp"

namespace gw::dev::scanner {

enum class Parity { None, Even, Odd };

struct SerialScannerOptions {
    std::string id;
    std::string path;  // e.g. /dev/serial/by-id/usb-…-if00 or /dev/ttyACM0
    int baud = 9600;   // a standard rate, 1200..921600
    Parity parity = Parity::None;
    std::optional<std::chrono::milliseconds> idle_terminator;  // none: CR/LF only
    size_t max_length = 2048;
    std::chrono::milliseconds reopen_min{500};
    std::chrono::milliseconds reopen_max{10000};
    std::chrono::milliseconds stable_session{5000};
};

class SerialScanner final : public ScannerDevice {
public:
    explicit SerialScanner(SerialScannerOptions opts);
};

/// Opens `path` as SerialScanner does (raw mode, `baud`, `parity`); used by the driver.
core::Result<OpenedDevice> open_serial_tty(const std::string& path, int baud, Parity parity);

}  // namespace gw::dev::scanner
