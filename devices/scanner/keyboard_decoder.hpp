#pragma once
// KeyboardDecoder: the pure decoding of a USB-HID keyboard-wedge scanner as the kernel's
// evdev layer reports it: a byte stream of `struct input_event` records (<linux/input.h>,
// native layout of this build) in, the text typed out, for a LineFramer.
//
// - US layout: letters, digits, space and the punctuation keys, with either Shift key
//   (both are tracked separately: releasing one while the other is held keeps Shift on).
//   Keypad digits, `.`, `+`, `-`, `*`, `/` type their characters (NumLock assumed on).
//   That covers Base45 (`0-9A-Z $%*+-./:`) and URLs.
// - Enter and keypad Enter type CR (the terminator).
// - Key repeats (value 2) and releases are ignored; other modifiers (Ctrl, Alt, Meta,
//   CapsLock, NumLock, ScrollLock) are ignored; non-key events (EV_SYN, EV_MSC, EV_LED) too.
// - Any other key press is counted in unknown_keys() and types a NUL, so the LineFramer
//   drops that code as garbage rather than passing on a code with a character missing.
// Records may arrive split across reads: a partial record waits for the rest.
// Not thread-safe: owned by one reader thread (or a test, or a fuzzer).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace gw::dev::scanner {

class KeyboardDecoder {
public:
    /// Size of one record on this build (24 bytes on 64-bit Linux, 16 on 32-bit).
    static size_t record_size();

    /// Decodes `bytes` (whole or partial records); appends the typed text to `out`.
    void feed(std::string_view bytes, std::string& out);
    /// Forgets Shift state and a partial record (the device was reopened).
    void reset();

    uint64_t unknown_keys() const { return unknown_keys_; }

private:
    void key(uint16_t code, int32_t value, std::string& out);

    std::string partial_;
    bool left_shift_ = false;
    bool right_shift_ = false;
    uint64_t unknown_keys_ = 0;
};

}  // namespace gw::dev::scanner
