#include "system_time_zone.hpp"

#include <cstdlib>
#include <ctime>

#include "gateway/core/fixed_offset_time_zone.hpp"

namespace gw::app {

SystemTimeZone::SystemTimeZone(const std::string& name) {
    setenv("TZ", name.c_str(), 1);
    tzset();
}

core::LocalTime SystemTimeZone::to_local(core::SysTime t) const {
    const int64_t ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
    std::time_t secs = static_cast<std::time_t>(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
    std::tm tm{};
    localtime_r(&secs, &tm);
    return core::local_time_from(ms, static_cast<int>(tm.tm_gmtoff));
}

}  // namespace gw::app
