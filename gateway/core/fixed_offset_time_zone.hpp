#pragma once
// A TimeZone with a constant UTC offset (e.g. Asia/Shanghai, which has no DST since 1991).
// Pure; used by tests and as the fallback when the system zone database is missing.
#include "clock.hpp"

namespace gw::core {

class FixedOffsetTimeZone final : public TimeZone {
public:
    explicit FixedOffsetTimeZone(int offset_s) : offset_s_(offset_s) {}
    LocalTime to_local(SysTime t) const override;

private:
    int offset_s_;
};

/// Builds a LocalTime from unix milliseconds and an offset (shared by all TimeZones).
LocalTime local_time_from(int64_t unix_ms, int offset_s);

}  // namespace gw::core
