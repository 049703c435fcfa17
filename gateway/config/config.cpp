// Config lookups by id. Linear scans: a gateway has tens of zones, points and devices, and
// these run at startup and reload, not per tap (core::Topology indexes what the loop needs).
#include "config.hpp"

#include <algorithm>

namespace gw::config {

namespace {

template <class T, class Pred>
const T* find_in(const std::vector<T>& items, Pred pred) {
    auto it = std::find_if(items.begin(), items.end(), pred);
    return it == items.end() ? nullptr : &*it;
}

}  // namespace

const core::Zone* Config::zone(const std::string& id) const {
    return find_in(zones, [&](const core::Zone& z) { return z.id == id; });
}

const core::AccessPoint* Config::point(const std::string& id) const {
    return find_in(points, [&](const core::AccessPoint& p) { return p.id == id; });
}

const core::AccessPoint* Config::point_for_device(const std::string& device_id) const {
    return find_in(points, [&](const core::AccessPoint& p) { return p.device_id == device_id; });
}

const DeviceConfig* Config::device(const std::string& id) const {
    return find_in(devices, [&](const DeviceConfig& d) { return d.id == id; });
}

}  // namespace gw::config
