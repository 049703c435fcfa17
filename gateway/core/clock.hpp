#pragma once
// Clock and TimeZone ports. Time is injected so tests control it; nothing in core sleeps.
#include <chrono>

#include "civil_time.hpp"

namespace gw::core {

using SysTime = std::chrono::system_clock::time_point;

/// Wall clock. Thread-safe implementations; never blocks.
class Clock {
public:
    virtual ~Clock() = default;
    virtual SysTime now() const = 0;
    /// False when the system clock is not known to be synchronised (no RTC, no NTP yet).
    virtual bool synced() const = 0;
};

/// Converts instants to the site's local time. Never blocks.
class TimeZone {
public:
    virtual ~TimeZone() = default;
    virtual LocalTime to_local(SysTime t) const = 0;
};

}  // namespace gw::core
