#pragma once
// Pure codec for what MQTT-native readers publish (ESPHome / Tasmota style):
//   "04A1B2C3D4E5F6"                    plain hex (separators ':' '-' ' ' allowed)
//   {"uid": "04a1b2c3", "direction": "out"}  JSON, direction optional
//   {"PN532": {"UID": "94D8FC5F"}}      Tasmota's PN532 message
// Bytes in, outcome out; no I/O. Fuzzed.
#include <optional>
#include <string>
#include <string_view>

#include "gateway/core/access_point.hpp"

namespace gw::dev::mqtt_reader {

struct ReaderTap {
    std::string uid;  // upper-case hex, 4..10 bytes
    std::optional<core::Direction> direction;
};

struct ReaderPayloadResult {
    std::optional<ReaderTap> tap;
    std::string error;  // why it was rejected, when tap is empty (no raw payload in it)
};

ReaderPayloadResult parse_reader_payload(std::string_view payload);

/// Normalises a hex UID: strips separators, upper-cases, checks 4..10 bytes.
std::optional<std::string> normalise_uid(std::string_view text);

}  // namespace gw::dev::mqtt_reader
