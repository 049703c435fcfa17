#pragma once
// Calendar helpers on plain integers: days since 1970-01-01 and minutes of day.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gw::core {

/// Days since 1970-01-01 (proleptic Gregorian).
int32_t days_from_civil(int y, unsigned m, unsigned d);
void civil_from_days(int32_t z, int& y, unsigned& m, unsigned& d);
/// 0 = Monday ... 6 = Sunday.
int weekday_from_days(int32_t z);
/// Parses "YYYY-MM-DD" strictly.
std::optional<int32_t> parse_date(std::string_view s);
/// Parses "HH:MM" (00:00..24:00) into minutes of day.
std::optional<int> parse_hhmm(std::string_view s);
std::string format_date(int32_t day);

/// A wall-clock instant in the site's time zone.
struct LocalTime {
    int32_t day = 0;         // days since epoch in local time
    int minute = 0;          // minute of day 0..1439
    int second = 0;          // 0..59
    int millisecond = 0;     // 0..999
    int weekday = 0;         // 0 = Monday
    int utc_offset_s = 0;    // local - UTC
};

/// RFC 3339 with milliseconds and offset: 2026-11-23T07:41:05.212+08:00
std::string format_rfc3339(const LocalTime& t);

}  // namespace gw::core
