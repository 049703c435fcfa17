#include "fixed_offset_time_zone.hpp"

namespace gw::core {

LocalTime local_time_from(int64_t unix_ms, int offset_s) {
    const int64_t local_ms = unix_ms + int64_t{offset_s} * 1000;
    int64_t days = local_ms / 86'400'000;
    int64_t rem = local_ms % 86'400'000;
    if (rem < 0) {
        rem += 86'400'000;
        --days;
    }
    LocalTime t;
    t.day = static_cast<int32_t>(days);
    t.minute = static_cast<int>(rem / 60'000);
    t.second = static_cast<int>((rem / 1000) % 60);
    t.millisecond = static_cast<int>(rem % 1000);
    t.weekday = weekday_from_days(t.day);
    t.utc_offset_s = offset_s;
    return t;
}

LocalTime FixedOffsetTimeZone::to_local(SysTime t) const {
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
    return local_time_from(ms, offset_s_);
}

}  // namespace gw::core
