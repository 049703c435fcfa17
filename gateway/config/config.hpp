#pragma once
// The admin's configuration (config-v1), parsed and validated into plain structs.
// Produced by load_config(); consumed by the composition root. No toml++ type leaks here.
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "gateway/core/access_point.hpp"
#include "gateway/core/calendar.hpp"
#include "gateway/core/zone.hpp"

namespace gw::config {

struct SiteConfig {
    std::string id;
    std::string name;
    std::string timezone = "Asia/Shanghai";
};

struct GatewayConfig {
    std::string id;
    std::string state_dir = "/var/lib/campusgw";
    /// Treat the system clock as synchronised even when the kernel does not say so (a box
    /// whose time source does not report to the kernel, a container). Default: ask it.
    bool clock_trusted = false;
};

struct LogConfig {
    std::string level = "info";  // debug|info|notice|warning|err
};

struct StoreConfig {
    std::string synchronous = "full";  // full | normal (normal: not power-loss safe)
    std::chrono::milliseconds batch_window{0};  // extra wait to grow a group commit
};

struct MqttConfig {
    std::string url = "mqtt://127.0.0.1:1883";  // mqtt:// (loopback only) | mqtts://
    std::string ca_file;
    std::string cert_file;
    std::string key_file;
    std::string username;
    std::string password_file;
    std::string client_id;                      // default: campusgw-{site}-{gateway}
    std::chrono::seconds keepalive{30};
    int max_inflight = 100;
    std::chrono::milliseconds reconnect_min{500};
    std::chrono::milliseconds reconnect_max{30000};
};

struct OutboxConfig {
    uint64_t max_events = 1'000'000;
};

struct EidConfig {
    bool enabled = false;  // true when an [eid] table is present
    std::string url;
    std::string token_file;
    std::string ca_file;
    std::string cert_file;
    std::string key_file;
    std::string trust_root;
    std::chrono::seconds poll_interval{300};
    std::chrono::milliseconds timeout{30000};  // connect and every read of a request
    int page_limit = 5000;                     // `limit` of roster requests
};

/// Offline e-ID QR verification (eid-qr-v1 §4).
struct QrConfig {
    std::chrono::seconds skew{60};  // tolerance on nbf/exp
    int window = 1;                 // accepted time steps either side of now
};

struct RequestsConfig {
    std::string door_key_file;  // HMAC-SHA-256 key for door/open (64 hex digits); empty:
                                // door/open is refused
};
struct MetricsConfig {
    std::string listen = "127.0.0.1:9464";  // Prometheus /metrics; "" turns it off
};
/// A device's driver-specific settings, typed but not interpreted by the config layer.
using DeviceValue = std::variant<std::string, int64_t, double, bool, std::vector<std::string>,
                                 std::chrono::milliseconds>;

struct DeviceConfig {
    std::string id;
    std::string driver;
    std::map<std::string, DeviceValue> settings;  // every key but id and driver

    /// Typed accessors with defaults; the validator has already checked types.
    std::string str(const std::string& key, std::string def = {}) const;
    int64_t integer(const std::string& key, int64_t def = 0) const;
    double number(const std::string& key, double def = 0) const;
    bool flag(const std::string& key, bool def = false) const;
    std::vector<std::string> list(const std::string& key) const;
    std::chrono::milliseconds duration(const std::string& key,
                                       std::chrono::milliseconds def = {}) const;
};

struct Config {
    std::string source;  // main file path
    std::string hash;    // hex digest of the merged file contents (for info)
    SiteConfig site;
    GatewayConfig gateway;
    LogConfig log;
    StoreConfig store;
    MqttConfig mqtt;
    OutboxConfig outbox;
    EidConfig eid;
    QrConfig qr;
    RequestsConfig requests;
    MetricsConfig metrics;
    core::Calendar calendar;
    std::vector<core::Zone> zones;
    std::vector<core::AccessPoint> points;
    std::vector<DeviceConfig> devices;

    const core::Zone* zone(const std::string& id) const;
    const core::AccessPoint* point(const std::string& id) const;
    const core::AccessPoint* point_for_device(const std::string& device) const;
    const DeviceConfig* device(const std::string& id) const;
};

/// One problem found in the config, located in its file.
struct ConfigError {
    std::string file;
    int line = 0;      // 1-based; 0 when not tied to a place
    int column = 0;
    std::string key;   // dotted path, e.g. "zone[2].curfew.from"
    std::string message;  // what was expected; may end with "did you mean 'x'?"

    /// "file:line:column: key: message"
    std::string to_string() const;
};

struct LoadResult {
    Config config;
    std::vector<ConfigError> errors;  // empty = valid
    bool ok() const { return errors.empty(); }
};

/// Reads `path` plus `conf.d/*.toml` beside it (name order), validates every rule of
/// config-v1, and collects all errors (it does not stop at the first).
LoadResult load_config(const std::string& path);

}  // namespace gw::config
