#pragma once
// The section readers: each validates one table of the merged config against its schema
// and fills the matching struct, reporting every problem to the Diagnostics. Cross-table
// rules (unique ids, references) live in references.hpp.
#include "diagnostics.hpp"
#include "gateway/config/config.hpp"
#include "table_view.hpp"

namespace gw::config::detail {

// settings_sections.cpp
void read_site(const TableView& table, SiteConfig& out, Diagnostics& diag);
void read_gateway(const TableView& table, GatewayConfig& out, Diagnostics& diag);
void read_log(const TableView& table, LogConfig& out, Diagnostics& diag);
void read_store(const TableView& table, StoreConfig& out, Diagnostics& diag);
void read_outbox(const TableView& table, OutboxConfig& out, Diagnostics& diag);
void read_calendar(const TableView& table, core::Calendar& out, Diagnostics& diag);

// network_sections.cpp
void read_mqtt(const TableView& table, MqttConfig& out, Diagnostics& diag);
void read_eid(const TableView& table, EidConfig& out, Diagnostics& diag);
void read_requests(const TableView& table, RequestsConfig& out, Diagnostics& diag);
void read_qr(const TableView& table, QrConfig& out, Diagnostics& diag);
void read_metrics(const TableView& table, MetricsConfig& out, Diagnostics& diag);

// zone_section.cpp, point_section.cpp, device_section.cpp
core::Zone read_zone(const TableView& table, Diagnostics& diag);
core::AccessPoint read_point(const TableView& table, Diagnostics& diag);
DeviceConfig read_device(const TableView& table, Diagnostics& diag);

}  // namespace gw::config::detail
