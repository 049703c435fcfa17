#pragma once
// ScannerDevice: what the two scanner drivers share — a core::Device run by one
// ScannerThread, with the scanner's counters. SerialScanner and EvdevScanner only say how
// their device is opened and read (the thread options and the Opener).
// Thread-safety: start()/stop() from one thread; counters()/scan_counters() from any.
#include <string>
#include <vector>

#include "devices/scanner/scanner_thread.hpp"
#include "gateway/core/device.hpp"

namespace gw::dev::scanner {

/// The options every scanner has, as the thread takes them.
template <class Options>
ScannerThreadOptions common_thread_options(const Options& o) {
    ScannerThreadOptions t;
    t.id = o.id;
    t.path = o.path;
    t.framer.max_length = o.max_length;
    t.reopen_min = o.reopen_min;
    t.reopen_max = o.reopen_max;
    t.stable_session = o.stable_session;
    return t;
}

class ScannerDevice : public core::Device {
public:
    ~ScannerDevice() override { thread_.stop(); }
    const std::string& id() const override { return id_; }
    void start(core::DeviceEvents& events) override { thread_.start(events); }
    void stop() override { thread_.stop(); }
    ScannerCounters scan_counters() const { return thread_.counters(); }
    /// Refused input for `health` and /metrics: scan_overlong, scan_garbage,
    /// scan_unknown_keys.
    std::vector<core::DeviceCounter> counters() const override {
        return refused_counters(thread_.counters());
    }

protected:
    ScannerDevice(std::string id, ScannerThreadOptions options, Opener open)
        : id_(std::move(id)), thread_(std::move(options), std::move(open)) {}

private:
    std::string id_;
    ScannerThread thread_;
};

}  // namespace gw::dev::scanner
