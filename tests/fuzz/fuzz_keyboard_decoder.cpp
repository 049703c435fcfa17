// Fuzz target: the input_event records of a keyboard-mode scanner (devices/scanner
// KeyboardDecoder), then framed as the evdev_scanner driver frames them.
// Input: byte 0 picks where the stream is split in two reads; the rest is the stream.
// Checks: splitting changes nothing; only printable ASCII, CR (Enter) and NUL (an unknown
// key) are typed, one NUL per unknown key; the framer passes no control byte on.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "devices/scanner/keyboard_decoder.hpp"
#include "devices/scanner/line_framer.hpp"

using namespace gw::dev::scanner;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const std::string_view stream(reinterpret_cast<const char*>(data + 1), size - 1);
    const size_t cut = stream.empty() ? 0 : data[0] % (stream.size() + 1);
    KeyboardDecoder whole, split;
    std::string a, b;
    whole.feed(stream, a);
    split.feed(stream.substr(0, cut), b);
    split.feed(stream.substr(cut), b);
    if (a != b || whole.unknown_keys() != split.unknown_keys()) __builtin_trap();
    uint64_t nuls = 0;
    for (unsigned char c : a) {
        if (c == 0)
            ++nuls;
        else if (c != '\r' && (c < 0x20 || c > 0x7e))
            __builtin_trap();
    }
    if (nuls != whole.unknown_keys()) __builtin_trap();
    LineFramer framer({});
    std::vector<std::string> codes;
    framer.feed(a, std::chrono::steady_clock::time_point{}, codes);
    for (const auto& code : codes)
        for (unsigned char c : code)
            if (c < 0x20 || c > 0x7e) __builtin_trap();
    return 0;
}
