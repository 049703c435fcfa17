#pragma once
// Driver "evdev_scanner": a QR / 场所码 scanner in USB keyboard mode (HID keyboard wedge),
// read from its evdev node (/dev/input/by-id/usb-…-event-kbd) so that its keystrokes reach
// the gateway only: the node is grabbed (EVIOCGRAB), and the console or a desktop session
// no longer sees them.
//
// The input_event records are decoded with a US layout (KeyboardDecoder); Enter ends a
// code; codes become QrText Presentations exactly as with serial_scanner. A node that is
// not an evdev device (EVIOCGRAB answers ENOTTY/EINVAL: a FIFO of recorded events in a
// test or a replay) is read anyway, with a warning; a node grabbed by another process
// (EBUSY) is offline and retried. A scanner unplugged (read: ENODEV) is reopened with
// backoff: see ScannerThread for health, stop and counters (unknown_keys counts key
// presses the layout has no character for; their code is dropped as garbage).
// Thread-safety: start()/stop() from one thread; counters()/scan_counters() from any.
#include <chrono>
#include <string>

#include "devices/scanner/line_framer.hpp"
#include "devices/scanner/scanner_device.hpp"
#include "devices/scanner/scanner_thread.hpp"
#include "gateway/core/device.hpp"

namespace gw::dev::scanner {

struct EvdevScannerOptions {
    std::string id;
    std::string path;  // e.g. /dev/input/by-id/usb-…-event-kbd
    size_t max_length = 2048;
    std::chrono::milliseconds reopen_min{500};
    std::chrono::milliseconds reopen_max{10000};
    std::chrono::milliseconds stable_session{5000};
};

class EvdevScanner final : public ScannerDevice {
public:
    explicit EvdevScanner(EvdevScannerOptions opts);
};

/// Opens `path` read-only, non-blocking, and grabs it (EVIOCGRAB) when it is an evdev node.
core::Result<OpenedDevice> open_evdev(const std::string& path, const std::string& channel);

}  // namespace gw::dev::scanner
