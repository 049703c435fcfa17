#include "opening_hours.hpp"

#include <array>
#include <cstdint>

#include "gateway/core/civil_time.hpp"

namespace gw::config::detail {

namespace {

constexpr std::array<std::string_view, 7> kDays{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr uint8_t kAllDays = 0x7f;

std::optional<int> day_index(std::string_view name) {
    for (size_t i = 0; i < kDays.size(); ++i)
        if (kDays[i] == name) return static_cast<int>(i);
    return std::nullopt;
}

/// "mon" or "mon-fri" (wrapping past Sunday allowed) -> weekday bits.
std::optional<uint8_t> day_range(std::string_view part) {
    const size_t dash = part.find('-');
    const auto first = day_index(part.substr(0, dash));
    const auto last = dash == std::string_view::npos ? first : day_index(part.substr(dash + 1));
    if (!first || !last) return std::nullopt;
    uint8_t bits = 0;
    for (int d = *first;; d = (d + 1) % 7) {
        bits = static_cast<uint8_t>(bits | (1u << d));
        if (d == *last) break;
    }
    return bits;
}

std::optional<uint8_t> weekdays(std::string_view days) {
    if (days == "daily") return kAllDays;
    uint8_t bits = 0;
    while (!days.empty()) {
        const size_t comma = days.find(',');
        const auto part = day_range(days.substr(0, comma));
        if (!part) return std::nullopt;
        bits = static_cast<uint8_t>(bits | *part);
        days = comma == std::string_view::npos ? std::string_view() : days.substr(comma + 1);
        if (comma != std::string_view::npos && days.empty()) return std::nullopt;
    }
    return bits == 0 ? std::nullopt : std::optional<uint8_t>(bits);
}

OpeningHoursParse fail(std::string why) { return {std::nullopt, std::move(why)}; }

}  // namespace

OpeningHoursParse parse_opening_hours(std::string_view line) {
    const size_t begin = line.find_first_not_of(' ');
    const size_t end = line.find_last_not_of(' ');
    line = begin == std::string_view::npos ? std::string_view() : line.substr(begin, end - begin + 1);
    const size_t space = line.find(' ');
    if (space == std::string_view::npos)
        return fail("expected \"<days> HH:MM-HH:MM\", like \"mon-fri 07:30-21:30\"");
    const std::string_view days = line.substr(0, space);
    const std::string_view times = line.substr(line.find_first_not_of(' ', space));
    const auto bits = weekdays(days);
    if (!bits)
        return fail("bad days \"" + std::string(days) +
                    "\": expected daily, a day (mon..sun), a range like mon-fri, or a list "
                    "like mon,wed");
    const size_t dash = times.find('-');
    const auto from = core::parse_hhmm(times.substr(0, dash));
    const auto to = dash == std::string_view::npos ? std::nullopt
                                                   : core::parse_hhmm(times.substr(dash + 1));
    if (!from || !to)
        return fail("bad times \"" + std::string(times) +
                    "\": expected HH:MM-HH:MM, like 07:30-21:30");
    if (*from == 24 * 60) return fail("an opening cannot start at 24:00");
    if (*from == *to) return fail("an opening from " + std::string(times.substr(0, dash)) +
                                  " to the same time is empty");
    return {core::OpeningHours{*bits, *from, *to}, {}};
}

}  // namespace gw::config::detail
