#pragma once
// ScannerThread: the reader thread both scanner drivers share. It opens the device through
// an Opener (a tty in raw mode, an evdev node with EVIOCGRAB), reads it with poll(2),
// decodes what it reads (KeyboardDecoder for input_event records, then LineFramer) and
// presents each code as a QrText Presentation.
//
// Health: a device that cannot be opened, or that fails, hangs up or reaches end of file
// while read, is reported offline with the reason and reopened with capped backoff and
// jitter (gw::core::Backoff); opening it again reports it online. The backoff restarts only
// after a session that lasted `stable_session`, so a device that opens and hangs up at once
// is not reopened in a tight loop.
//
// Privacy: codes are never logged. Dropped codes (overlong, garbage) are logged by kind and
// count only, at the 1st, 2nd, 4th, 8th, ... of each kind; counters() has every one.
//
// Thread-safety: start()/stop() from one thread; counters() from any, at any time (they
// count since construction, across stop() and start()). The thread never
// blocks outside poll(2), which a stop wakes at once, so stop() joins within milliseconds;
// after it returns nothing more is reported.
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "devices/scanner/line_framer.hpp"
#include "devices/scanner/unique_fd.hpp"
#include "gateway/core/device.hpp"
#include "gateway/core/result.hpp"

namespace gw::dev::scanner {

struct ScannerThreadOptions {
    std::string id;
    std::string path;
    LineFramerOptions framer;
    bool keyboard = false;  // the bytes read are input_event records
    std::chrono::milliseconds reopen_min{500};
    std::chrono::milliseconds reopen_max{10000};
    std::chrono::milliseconds stable_session{5000};
};

/// An opened device: a non-blocking fd, and a few words for the online detail.
struct OpenedDevice {
    UniqueFd fd;
    std::string detail;
};
using Opener = std::function<core::Result<OpenedDevice>(const std::string& path)>;

class ScannerThread {
public:
    ScannerThread(ScannerThreadOptions opts, Opener open);
    ~ScannerThread();
    ScannerThread(const ScannerThread&) = delete;
    ScannerThread& operator=(const ScannerThread&) = delete;

    void start(core::DeviceEvents& events);
    void stop();
    ScannerCounters counters() const;

    struct Worker;  // the thread's state (defined in the .cpp)
    struct Totals;  // counters since construction, shared with the thread

private:
    ScannerThreadOptions opts_;
    Opener open_;
    std::shared_ptr<Totals> totals_;
    std::shared_ptr<Worker> worker_;
    std::thread thread_;
};

}  // namespace gw::dev::scanner
