#include "duration.hpp"

#include <array>
#include <string>
#include <utility>

namespace gw::config::detail {

namespace {

using std::chrono::milliseconds;

// Longest unit name first so "ms" is not read as "m" followed by garbage.
constexpr std::array<std::pair<std::string_view, int64_t>, 5> kUnits{{
    {"ms", 1}, {"s", 1000}, {"m", 60'000}, {"h", 3'600'000}, {"d", 86'400'000}}};

/// Reads one "<digits><unit>" group at the front of `text`; nullopt when malformed.
std::optional<int64_t> take_group(std::string_view& text) {
    size_t n = 0;
    int64_t number = 0;
    while (n < text.size() && text[n] >= '0' && text[n] <= '9') {
        if (number > kMaxDuration.count()) return std::nullopt;  // stops overflow early
        number = number * 10 + (text[n] - '0');
        ++n;
    }
    if (n == 0) return std::nullopt;
    text.remove_prefix(n);
    for (const auto& [unit, scale] : kUnits) {
        if (text.substr(0, unit.size()) != unit) continue;
        text.remove_prefix(unit.size());
        if (number > kMaxDuration.count() / scale) return std::nullopt;
        return number * scale;
    }
    return std::nullopt;
}

}  // namespace

std::optional<milliseconds> parse_duration(std::string_view text) {
    if (text.empty()) return std::nullopt;
    int64_t total = 0;
    while (!text.empty()) {
        auto group = take_group(text);
        if (!group) return std::nullopt;
        total += *group;
        if (total > kMaxDuration.count()) return std::nullopt;
    }
    return milliseconds(total);
}

std::string format_duration(milliseconds d) {
    if (d.count() == 0) return "0s";
    std::string out;
    int64_t rest = d.count();
    for (auto it = kUnits.rbegin(); it != kUnits.rend(); ++it) {
        const auto& [unit, scale] = *it;
        if (rest >= scale) {
            out += std::to_string(rest / scale) + std::string(unit);
            rest %= scale;
        }
    }
    return out;
}

}  // namespace gw::config::detail
