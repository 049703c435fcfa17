#pragma once
// LineFramer: the pure framing of a QR / 场所码 scanner's output (no syscalls, no clock of
// its own): bytes with the time they arrived in, complete codes out.
//
// - A code ends at CR or LF (so CRLF, LFCR and CR, LF split across reads all work); empty
//   lines are ignored, so the second half of a CRLF never makes a code.
// - With `idle_terminator` set, a code also ends when no byte arrived for that long
//   (scanners configured without a suffix). The caller asks deadline() when to call idle().
// - A code longer than `max_length` bytes is dropped: counted `overlong` as soon as it
//   passes the limit, then everything up to the next terminator is skipped.
// - A code holding a control byte (NUL, TAB, ESC, DEL, ... — RS-232 noise, a break or a
//   parity error read as NUL) or bytes that are not valid UTF-8 is dropped and counted
//   `garbage`. Printable ASCII and UTF-8 text pass unchanged.
// - Each code that passes is counted `lines`.
// The returned codes never contain the terminator. Callers must not log them (QR text).
// Not thread-safe: owned by one reader thread (or a test, or a fuzzer).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/device.hpp"

namespace gw::dev::scanner {

struct LineFramerOptions {
    size_t max_length = 2048;  // bytes; CEID1 codes are at most 1024 (eid-qr-v1 §2)
    std::optional<std::chrono::milliseconds> idle_terminator;  // none: CR/LF only
};

/// What a scanner delivered, since it was started.
struct ScannerCounters {
    uint64_t lines = 0;         // codes passed on
    uint64_t overlong = 0;      // codes longer than max_length, dropped
    uint64_t garbage = 0;       // codes with control bytes or invalid UTF-8, dropped
    uint64_t unknown_keys = 0;  // keyboard mode: key presses with no US-layout character
};

/// The refused part of `c` as device counters (docs/metrics.md).
std::vector<core::DeviceCounter> refused_counters(const ScannerCounters& c);

class LineFramer {
public:
    using TimePoint = std::chrono::steady_clock::time_point;

    explicit LineFramer(LineFramerOptions opts);

    /// Feeds bytes that arrived at `now`. A pending code idle since before them (idle
    /// terminator) ends first. Complete codes are appended to `out`.
    void feed(std::string_view bytes, TimePoint now, std::vector<std::string>& out);
    /// Ends the pending code if it has been idle for idle_terminator at `now`.
    void idle(TimePoint now, std::vector<std::string>& out);
    /// When idle() would end the pending code; none without an idle terminator or code.
    std::optional<TimePoint> deadline() const;
    /// Drops a partial code (the device was lost mid-code); counts nothing.
    void reset();

    const ScannerCounters& counters() const { return counters_; }

private:
    enum class State { Clean, Garbage, Overlong };
    void add(char c);
    void finish(std::vector<std::string>& out);

    LineFramerOptions opts_;
    std::string pending_;
    size_t length_ = 0;  // bytes of the pending code, including those not kept
    State state_ = State::Clean;
    TimePoint last_{};
    ScannerCounters counters_;
};

/// True when `s` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
bool valid_utf8(std::string_view s);

}  // namespace gw::dev::scanner
