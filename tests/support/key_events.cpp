#include "key_events.hpp"

#include <linux/input.h>

#include <cstring>
#include <stdexcept>

namespace gw::test {

namespace {

struct KeyStroke {
    uint16_t code;
    bool shift;
};

// US layout, written out key by key (independent of the driver's own table).
struct Row {
    uint16_t first;
    std::string_view plain;
    std::string_view shifted;
};
constexpr Row kRows[] = {
    {KEY_1, "1234567890-=", "!@#$%^&*()_+"},
    {KEY_Q, "qwertyuiop[]", "QWERTYUIOP{}"},
    {KEY_A, "asdfghjkl;'`", "ASDFGHJKL:\"~"},
    {KEY_BACKSLASH, "\\zxcvbnm,./", "|ZXCVBNM<>?"},
    {KEY_SPACE, " ", " "},
};

KeyStroke stroke(char c) {
    if (c == '\r' || c == '\n') return {KEY_ENTER, false};
    for (const auto& r : kRows) {
        if (auto i = r.plain.find(c); i != std::string_view::npos)
            return {static_cast<uint16_t>(r.first + i), false};
        if (auto i = r.shifted.find(c); i != std::string_view::npos)
            return {static_cast<uint16_t>(r.first + i), true};
    }
    throw std::invalid_argument("no US-layout key for a character");
}

}  // namespace

std::string input_record(uint16_t type, uint16_t code, int32_t value) {
    input_event ev{};
    ev.type = type;
    ev.code = code;
    ev.value = value;
    return std::string(reinterpret_cast<const char*>(&ev), sizeof ev);
}

std::string key_record(uint16_t code, int32_t value) {
    return input_record(EV_KEY, code, value) + input_record(EV_SYN, SYN_REPORT, 0);
}

std::string type_text(std::string_view text) {
    std::string out;
    for (char c : text) {
        const auto k = stroke(c);
        if (k.shift) out += key_record(KEY_LEFTSHIFT, 1);
        out += input_record(EV_MSC, MSC_SCAN, 0x70000 + k.code);
        out += key_record(k.code, 1);
        out += key_record(k.code, 0);
        if (k.shift) out += key_record(KEY_LEFTSHIFT, 0);
    }
    return out;
}

}  // namespace gw::test
