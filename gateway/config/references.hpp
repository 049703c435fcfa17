#pragma once
// Rules across tables: ids unique per kind (zone, point, device); every point names an
// existing zone, a reading device and optionally an opening device; a reading device
// serves at most one point. Views and structs are parallel: views[i] was read into
// config.zones[i] (points, devices alike).
#include <vector>

#include "diagnostics.hpp"
#include "gateway/config/config.hpp"
#include "table_view.hpp"

namespace gw::config::detail {

struct TableViews {
    std::vector<TableView> zones;
    std::vector<TableView> points;
    std::vector<TableView> devices;
};

void check_references(const Config& config, const TableViews& views, Diagnostics& diag);

}  // namespace gw::config::detail
