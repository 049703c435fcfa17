#include "keyboard_decoder.hpp"

#include <linux/input.h>

#include <algorithm>
#include <array>
#include <cstring>

namespace gw::dev::scanner {

namespace {

constexpr size_t kKeys = 128;

struct Key {
    char plain = 0;
    char shifted = 0;
};

/// A run of consecutive key codes and what they type without and with Shift (US layout).
struct Row {
    uint16_t first;
    const char* plain;
    const char* shifted;
};

constexpr std::array<Row, 8> kRows{{
    {KEY_1, "1234567890-=", "!@#$%^&*()_+"},
    {KEY_Q, "qwertyuiop[]", "QWERTYUIOP{}"},
    {KEY_A, "asdfghjkl;'`", "ASDFGHJKL:\"~"},
    {KEY_BACKSLASH, "\\zxcvbnm,./", "|ZXCVBNM<>?"},
    {KEY_KPASTERISK, "*", "*"},
    {KEY_SPACE, " ", " "},
    {KEY_KP7, "789-456+1230.", "789-456+1230."},
    {KEY_KPSLASH, "/", "/"},
}};

constexpr std::array<uint16_t, 9> kIgnored{KEY_LEFTCTRL, KEY_RIGHTCTRL, KEY_LEFTALT,
                                           KEY_RIGHTALT, KEY_LEFTMETA,  KEY_RIGHTMETA,
                                           KEY_CAPSLOCK, KEY_NUMLOCK,   KEY_SCROLLLOCK};

constexpr std::array<Key, kKeys> build_keys() {
    std::array<Key, kKeys> keys{};
    for (const auto& r : kRows)
        for (size_t i = 0; r.plain[i] != 0; ++i) keys[r.first + i] = {r.plain[i], r.shifted[i]};
    keys[KEY_ENTER] = keys[KEY_KPENTER] = {'\r', '\r'};
    return keys;
}

constexpr std::array<Key, kKeys> kKeyMap = build_keys();

bool ignored(uint16_t code) {
    for (auto k : kIgnored)
        if (k == code) return true;
    return false;
}

constexpr int32_t kRelease = 0;
constexpr int32_t kPress = 1;  // 2 is autorepeat: a scanner never means it

}  // namespace

size_t KeyboardDecoder::record_size() {
    return sizeof(input_event);
}

void KeyboardDecoder::feed(std::string_view bytes, std::string& out) {
    const size_t size = record_size();
    while (!bytes.empty()) {
        const size_t take = std::min(size - partial_.size(), bytes.size());
        partial_.append(bytes.substr(0, take));
        bytes.remove_prefix(take);
        if (partial_.size() < size) return;
        input_event ev{};
        std::memcpy(&ev, partial_.data(), size);
        partial_.clear();
        if (ev.type == EV_KEY) key(ev.code, ev.value, out);
    }
}

void KeyboardDecoder::key(uint16_t code, int32_t value, std::string& out) {
    if (code == KEY_LEFTSHIFT || code == KEY_RIGHTSHIFT) {
        if (value == kPress || value == kRelease)
            (code == KEY_LEFTSHIFT ? left_shift_ : right_shift_) = value == kPress;
        return;
    }
    if (value != kPress || ignored(code)) return;
    const Key k = code < kKeys ? kKeyMap[code] : Key{};
    if (k.plain == 0) {
        ++unknown_keys_;
        out.push_back('\0');
        return;
    }
    out.push_back(left_shift_ || right_shift_ ? k.shifted : k.plain);
}

void KeyboardDecoder::reset() {
    partial_.clear();
    left_shift_ = right_shift_ = false;
}

}  // namespace gw::dev::scanner
