#pragma once
// The configured access points and zones, indexed for the core loop. Immutable once built;
// a reload builds a new one and swaps it in.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "access_point.hpp"
#include "calendar.hpp"
#include "zone.hpp"

namespace gw::core {

class Topology {
public:
    Topology() = default;
    Topology(std::vector<Zone> zones, std::vector<AccessPoint> points, Calendar calendar);
    Topology(const Topology&) = delete;  // indexes hold pointers into the vectors
    Topology& operator=(const Topology&) = delete;

    const AccessPoint* point_for_device(std::string_view device) const;
    const AccessPoint* point(std::string_view id) const;
    const Zone* zone(std::string_view id) const;
    const Calendar& calendar() const { return calendar_; }
    const std::vector<AccessPoint>& points() const { return points_; }
    const std::vector<Zone>& zones() const { return zones_; }

private:
    std::vector<Zone> zones_;
    std::vector<AccessPoint> points_;
    Calendar calendar_;
    std::unordered_map<std::string, const AccessPoint*> by_device_;
    std::unordered_map<std::string, const AccessPoint*> by_point_;
    std::unordered_map<std::string, const Zone*> by_zone_;
};

}  // namespace gw::core
