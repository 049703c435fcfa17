#include "rfc3339.hpp"

#include <cstdint>

#include "gateway/core/civil_time.hpp"

namespace gw::adp::eid {
namespace {

/// `n` decimal digits at `pos`, or -1.
int digits(std::string_view s, size_t pos, size_t n) {
    if (pos + n > s.size()) return -1;
    int v = 0;
    for (size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/// Parses "[.fraction](Z|±HH:MM)" from `pos` to the end: nanoseconds and offset seconds.
bool parse_tail(std::string_view s, size_t pos, int64_t& nanos, int& offset_s) {
    nanos = 0;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        const size_t start = pos;
        int64_t scale = 100'000'000;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            nanos += (s[pos] - '0') * scale;  // digits beyond nanoseconds are truncated
            scale /= 10;
            ++pos;
        }
        if (pos == start) return false;
    }
    if (pos >= s.size()) return false;
    if (s[pos] == 'Z' || s[pos] == 'z') {
        offset_s = 0;
        return pos + 1 == s.size();
    }
    if (s[pos] != '+' && s[pos] != '-') return false;
    if (s.size() != pos + 6 || s[pos + 3] != ':') return false;
    const int oh = digits(s, pos + 1, 2), om = digits(s, pos + 4, 2);
    if (oh < 0 || om < 0 || oh > 23 || om > 59) return false;
    offset_s = (oh * 60 + om) * 60 * (s[pos] == '-' ? -1 : 1);
    return true;
}

}  // namespace

std::optional<core::SysTime> parse_rfc3339(std::string_view s) {
    // 2026-11-20T08:00:00 is 19 characters; the date part is checked by core::parse_date.
    if (s.size() < 20) return std::nullopt;
    const auto day = core::parse_date(s.substr(0, 10));
    if (!day) return std::nullopt;
    if (s[10] != 'T' && s[10] != 't') return std::nullopt;
    if (s[13] != ':' || s[16] != ':') return std::nullopt;
    const int h = digits(s, 11, 2), mi = digits(s, 14, 2), se = digits(s, 17, 2);
    if (h < 0 || mi < 0 || se < 0 || h > 23 || mi > 59 || se > 59) return std::nullopt;
    int64_t nanos = 0;
    int offset_s = 0;
    if (!parse_tail(s, 19, nanos, offset_s)) return std::nullopt;
    const int64_t utc_s = int64_t{*day} * 86400 + h * 3600 + mi * 60 + se - offset_s;
    // system_clock counts nanoseconds in 64 bits: about 1678..2262. Refuse, never wrap.
    constexpr int64_t kMaxSeconds = 9'000'000'000;
    if (utc_s > kMaxSeconds || utc_s < -kMaxSeconds) return std::nullopt;
    const std::chrono::nanoseconds since_epoch{utc_s * 1'000'000'000 + nanos};
    return core::SysTime(std::chrono::duration_cast<core::SysTime::duration>(since_epoch));
}

}  // namespace gw::adp::eid
