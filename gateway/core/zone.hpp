#pragma once
// A zone: a set of access points sharing one rule set (config-v1 [[zone]]).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gw::core {

enum class ZoneKind { Dorm, Canteen, Library, Attendance, Venue, Gate, Other };
std::string_view to_string(ZoneKind k);
std::optional<ZoneKind> parse_zone_kind(std::string_view s);

enum class CurfewAction { Flag, Deny };
enum class AntiPassback { Off, Soft, Hard };

struct Curfew {
    int from = 0;  // minute of day; the window may cross midnight
    int to = 0;
    CurfewAction action = CurfewAction::Flag;
};

struct MealWindow {
    std::string name;
    int from = 0;  // minute of day, from < to
    int to = 0;
    int quota = 1; // allowed taps per person per window per day; 0 = unlimited
};

/// One line of opening hours: "mon-fri 07:30-21:30". If from > to the opening crosses
/// midnight and belongs to the day it starts on.
struct OpeningHours {
    uint8_t weekdays = 0;  // bit 0 = Monday ... bit 6 = Sunday
    int from = 0;
    int to = 0;
};

struct Zone {
    std::string id;
    ZoneKind kind = ZoneKind::Other;
    std::vector<std::string> allow_groups;
    std::vector<std::string> allow_roles;   // "student", "staff", "visitor"
    std::optional<Curfew> curfew;
    AntiPassback antipassback = AntiPassback::Off;
    std::vector<MealWindow> meal_windows;   // canteen
    std::vector<OpeningHours> hours;        // empty = always open (calendar ignored)
    std::string category;                   // venue: 德 智 体 美 劳
    bool allow_any_valid_eid = false;       // venue
    int checkin_open_min = 15;              // attendance: minutes before start
    int grace_min = 5;                      // attendance: minutes after start still present
};

}  // namespace gw::core
