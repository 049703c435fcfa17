// Fuzz target: a scanner's serial byte stream (devices/scanner LineFramer).
// Input: byte 0 picks max_length (1..256) and whether an idle terminator (20 ms) is set;
// then chunks of [length, milliseconds since the previous chunk, bytes...].
// Checks: every code passed on is non-empty, within max_length, free of control bytes and
// valid UTF-8; `lines` counts exactly the codes passed on; without an idle terminator,
// feeding the chunks gives the same codes and counters as feeding all bytes at once.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "devices/scanner/line_framer.hpp"

using namespace gw::dev::scanner;

namespace {

void check(const std::vector<std::string>& codes, const LineFramer& f, size_t max_length) {
    for (const auto& c : codes) {
        if (c.empty() || c.size() > max_length || !valid_utf8(c)) __builtin_trap();
        for (unsigned char b : c)
            if (b < 0x20 || b == 0x7f) __builtin_trap();
    }
    if (f.counters().lines != codes.size()) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    LineFramerOptions opts;
    opts.max_length = 1 + (data[0] & 0x7f) * 2;
    const bool idle = (data[0] & 0x80) != 0;
    if (idle) opts.idle_terminator = std::chrono::milliseconds(20);
    LineFramer chunked(opts);
    std::vector<std::string> codes;
    std::string all;
    auto now = LineFramer::TimePoint{};
    size_t i = 1;
    while (i + 2 <= size) {
        const size_t n = std::min<size_t>(data[i], size - i - 2);
        now += std::chrono::milliseconds(data[i + 1]);
        const std::string_view chunk(reinterpret_cast<const char*>(data + i + 2), n);
        chunked.idle(now, codes);
        chunked.feed(chunk, now, codes);
        all.append(chunk);
        i += 2 + n;
    }
    chunked.idle(now + std::chrono::hours(1), codes);
    check(codes, chunked, opts.max_length);
    if (idle) return 0;
    LineFramer whole(opts);
    std::vector<std::string> whole_codes;
    whole.feed(all, now, whole_codes);
    const auto& a = chunked.counters();
    const auto& b = whole.counters();
    if (whole_codes != codes || a.overlong != b.overlong || a.garbage != b.garbage)
        __builtin_trap();
    return 0;
}
