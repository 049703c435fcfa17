#pragma once
// Durations as the admin writes them: "250ms", "30s", "5m", "24h", or groups of these
// summed, "1h30m". Whole numbers only; no sign; at most kMaxDuration.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace gw::config::detail {

inline constexpr std::chrono::milliseconds kMaxDuration = std::chrono::hours(24 * 400);

/// nullopt when `text` is not a duration (empty, a bare number, unknown unit, too long).
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

/// The shortest spelling of `d` in the same syntax, e.g. 90000ms -> "1m30s" (for messages).
std::string format_duration(std::chrono::milliseconds d);

}  // namespace gw::config::detail
