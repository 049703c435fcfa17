#pragma once
// The site's time zone from the system zone database. The process has one site, so the
// zone is set process-wide (TZ) once at startup; to_local() then uses localtime_r.
#include <string>

#include "gateway/core/clock.hpp"

namespace gw::app {

class SystemTimeZone final : public core::TimeZone {
public:
    /// Sets TZ for the process. `name` is an IANA name already validated by the config.
    explicit SystemTimeZone(const std::string& name);
    core::LocalTime to_local(core::SysTime t) const override;
};

}  // namespace gw::app
