#pragma once
// An access point: a door, turnstile, canteen till or sign-in spot (config-v1 [[point]]).
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace gw::core {

enum class Direction { In, Out, Both };
enum class StalePolicy { Deny, AllowKnown };
enum class UnsyncedPolicy { Deny, Allow };
/// What a scanned text that is not an e-ID code (`CEID1:`) means at a point.
enum class PlainCodes {
    Deny,     // malformed
    CardUid,  // the card number printed as a barcode / QR: 4, 7 or 10 bytes of hex, looked up
              // like a card UID (nfc_uid credentials); anything else is malformed
};

std::string_view to_string(Direction d);

struct AccessPoint {
    std::string id;
    std::string name;
    std::string zone_id;
    Direction direction = Direction::In;
    std::string device_id;
    std::string door_id;       // optional output device id
    std::string service;       // 办理事项
    std::string venue_code;    // 场所码
    std::optional<std::chrono::seconds> max_roster_age;
    StalePolicy when_stale = StalePolicy::Deny;
    UnsyncedPolicy clock_unsynced = UnsyncedPolicy::Deny;
    PlainCodes plain_codes = PlainCodes::Deny;
};

}  // namespace gw::core
