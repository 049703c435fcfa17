#include "references.hpp"

#include <map>

#include "driver_schema.hpp"

namespace gw::config::detail {

namespace {

/// Reports the value of `key` in `view` (or the table when the key is absent).
void at_value(const TableView& view, std::string_view key, std::string message,
              Diagnostics& diag) {
    const Entry* e = view.find(key);
    if (e)
        diag.at(*e->value, view.key_path(key), std::move(message));
    else if (view.where)
        diag.at(*view.where, view.key_path(key), std::move(message));
}

std::string first_at(const TableView& view) {
    const Entry* e = view.find("id");
    return Diagnostics::place(e ? e->value->source() : view.where->source());
}

/// Index of each id; a second table with the same id is an error naming the first.
template <class T>
std::map<std::string, size_t> unique_ids(const std::vector<T>& items,
                                         const std::vector<TableView>& views,
                                         std::string_view what, Diagnostics& diag) {
    std::map<std::string, size_t> index;
    for (size_t i = 0; i < items.size(); ++i) {
        if (items[i].id.empty()) continue;  // missing or invalid: reported already
        auto [it, fresh] = index.emplace(items[i].id, i);
        if (!fresh)
            at_value(views[i], "id",
                     "duplicate " + std::string(what) + " id \"" + items[i].id +
                         "\"; first defined at " + first_at(views[it->second]),
                     diag);
    }
    return index;
}

struct Index {
    std::map<std::string, size_t> zones, devices;
    std::map<std::string, size_t> reader_users;  // device id -> point index
};

/// point.device: exists, reads credentials, and no other point uses it.
void check_reader(const Config& c, const TableViews& v, size_t p, Index& ix, Diagnostics& diag) {
    const auto& point = c.points[p];
    auto dev = ix.devices.find(point.device_id);
    if (dev == ix.devices.end()) {
        at_value(v.points[p], "device", "no device with id \"" + point.device_id + "\"", diag);
        return;
    }
    const auto* schema = find_driver(c.devices[dev->second].driver);
    if (schema && !schema->reads)
        at_value(v.points[p], "device",
                 "device \"" + point.device_id + "\" (driver " + std::string(schema->driver) +
                     ") cannot read credentials; name it as door instead",
                 diag);
    auto [user, fresh] = ix.reader_users.emplace(point.device_id, p);
    if (!fresh)
        at_value(v.points[p], "device",
                 "device \"" + point.device_id + "\" is already used by point \"" +
                     c.points[user->second].id + "\" at " + first_at(v.points[user->second]),
                 diag);
}

void check_door(const Config& c, const TableViews& v, size_t p, const Index& ix,
                Diagnostics& diag) {
    const auto& point = c.points[p];
    if (point.door_id.empty()) return;
    auto dev = ix.devices.find(point.door_id);
    if (dev == ix.devices.end()) {
        at_value(v.points[p], "door", "no device with id \"" + point.door_id + "\"", diag);
        return;
    }
    const auto* schema = find_driver(c.devices[dev->second].driver);
    if (schema && !schema->opens)
        at_value(v.points[p], "door",
                 "device \"" + point.door_id + "\" (driver " + std::string(schema->driver) +
                     ") cannot open a door",
                 diag);
}

}  // namespace

void check_references(const Config& c, const TableViews& v, Diagnostics& diag) {
    Index ix;
    ix.zones = unique_ids(c.zones, v.zones, "zone", diag);
    ix.devices = unique_ids(c.devices, v.devices, "device", diag);
    unique_ids(c.points, v.points, "point", diag);
    for (size_t p = 0; p < c.points.size(); ++p) {
        const auto& point = c.points[p];
        if (!point.zone_id.empty() && !ix.zones.count(point.zone_id))
            at_value(v.points[p], "zone", "no zone with id \"" + point.zone_id + "\"", diag);
        if (!point.device_id.empty()) check_reader(c, v, p, ix, diag);
        check_door(c, v, p, ix, diag);
    }
}

}  // namespace gw::config::detail
