#include "topology.hpp"

namespace gw::core {

namespace {

template <class T>
const T* find_in(const std::unordered_map<std::string, const T*>& m, std::string_view k) {
    auto it = m.find(std::string(k));
    return it == m.end() ? nullptr : it->second;
}

}  // namespace

Topology::Topology(std::vector<Zone> zones, std::vector<AccessPoint> points, Calendar calendar)
    : zones_(std::move(zones)), points_(std::move(points)), calendar_(std::move(calendar)) {
    for (const auto& z : zones_) by_zone_[z.id] = &z;
    for (const auto& p : points_) {
        by_point_[p.id] = &p;
        by_device_[p.device_id] = &p;
    }
}

const AccessPoint* Topology::point_for_device(std::string_view device) const {
    return find_in(by_device_, device);
}
const AccessPoint* Topology::point(std::string_view id) const { return find_in(by_point_, id); }
const Zone* Topology::zone(std::string_view id) const { return find_in(by_zone_, id); }

}  // namespace gw::core
