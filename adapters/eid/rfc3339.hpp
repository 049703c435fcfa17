#pragma once
// RFC 3339 timestamps as the e-ID API sends them (eid-sync-v1 §1):
//   2026-11-20T08:00:00+08:00, 2026-11-20T00:00:00Z, 2026-11-20T08:00:00.250+08:00
// Strict: full date and time, seconds required, an offset required ("Z"/"z" or ±HH:MM),
// "T"/"t" as separator, fractional seconds of any length (kept to nanoseconds).
// Leap seconds (:60) are refused. Pure; thread-safe.
#include <optional>
#include <string_view>

#include "gateway/core/clock.hpp"

namespace gw::adp::eid {

std::optional<core::SysTime> parse_rfc3339(std::string_view s);

}  // namespace gw::adp::eid
