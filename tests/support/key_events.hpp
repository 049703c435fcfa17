#pragma once
// Recorded keyboard-wedge scanner output: the byte stream of `struct input_event` records
// (<linux/input.h>) that an evdev node yields when a scanner in USB keyboard mode types
// text, for tests of the evdev_scanner driver and its KeyboardDecoder.
//
// type_text() types each character of `text` with the US layout like a real scanner: each
// key as EV_MSC scan code, EV_KEY press, EV_SYN, EV_KEY release, EV_SYN; shifted characters
// (upper case, `$%*+:` ...) inside a Left Shift press/release. `\r` or `\n` types Enter.
// Characters the US layout has no key for throw std::invalid_argument.
#include <cstdint>
#include <string>
#include <string_view>

namespace gw::test {

/// One input_event record as bytes.
std::string input_record(uint16_t type, uint16_t code, int32_t value);
/// An EV_KEY record (value 1 press, 0 release, 2 autorepeat) followed by EV_SYN.
std::string key_record(uint16_t code, int32_t value);
/// The records a keyboard-mode scanner sends for `text`.
std::string type_text(std::string_view text);

}  // namespace gw::test
