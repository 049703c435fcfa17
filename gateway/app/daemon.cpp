#include "daemon.hpp"

#include <iostream>
#include <memory>

#include "adapters/crypto/hmac_hasher.hpp"
#include "adapters/mqtt/mqtt_client.hpp"
#include "adapters/mqtt/outbox_publisher.hpp"
#include "adapters/store/sqlite_store.hpp"
#include "adapters/systemd/systemd_notifier.hpp"
#include "core_loop.hpp"
#include "device_registry.hpp"
#include "gateway_state.hpp"
#include "gateway/config/config.hpp"
#include "gateway/core/log.hpp"
#include "secret_file.hpp"
#include "signal_watcher.hpp"
#include "system_clock.hpp"
#include "system_time_zone.hpp"

namespace gw::app {

namespace {

constexpr int kExConfig = 78;
const char* kChan = "app";

int fail(int code, const std::string& what) {
    GW_LOG(Err, kChan, core::LogLine("startup failed").kv("why", what));
    return code;
}

std::shared_ptr<const core::Topology> make_topology(const config::Config& c) {
    return std::make_shared<const core::Topology>(c.zones, c.points, c.calendar);
}

core::Result<adp::mqtt::MqttOptions> mqtt_options(const config::Config& c) {
    adp::mqtt::MqttOptions o;
    o.url = c.mqtt.url;
    o.ca_file = c.mqtt.ca_file;
    o.cert_file = c.mqtt.cert_file;
    o.key_file = c.mqtt.key_file;
    o.username = c.mqtt.username;
    if (!c.mqtt.password_file.empty()) {
        auto pw = read_secret_file(c.mqtt.password_file);
        if (!pw) return pw.error();
        o.password = pw.value();
    }
    o.client_id = c.mqtt.client_id.empty() ? "campusgw-" + c.site.id + "-" + c.gateway.id
                                           : c.mqtt.client_id;
    o.keepalive = c.mqtt.keepalive;
    o.max_inflight = c.mqtt.max_inflight;
    o.reconnect_min = c.mqtt.reconnect_min;
    o.reconnect_max = c.mqtt.reconnect_max;
    return o;
}

bool load_valid(const std::string& path, config::Config& out) {
    auto r = config::load_config(path);
    for (const auto& e : r.errors)
        GW_LOG(Err, "config", core::LogLine(e.to_string()));
    if (!r.ok()) return false;
    out = std::move(r.config);
    return true;
}

/// Everything the running gateway holds, in construction order (destroyed in reverse).
struct Runtime {
    config::Config cfg;
    SystemClock clock;
    std::unique_ptr<SystemTimeZone> tz;
    std::unique_ptr<adp::crypto::HmacHasher> hasher;
    std::unique_ptr<adp::store::SqliteStore> store;
    std::unique_ptr<adp::mqtt::MqttClient> mqtt;
    std::unique_ptr<core::PolicyEngine> engine;
    std::unique_ptr<core::AccessService> service;
    std::unique_ptr<adp::mqtt::OutboxPublisher> publisher;
    std::unique_ptr<RetainedState> retained;
    std::unique_ptr<CoreLoop> loop;
    std::vector<std::unique_ptr<core::Device>> devices;
    std::shared_ptr<const core::Topology> topology;
};

int open_state(Runtime& rt) {
    auto st = open_gateway_state(rt.cfg);
    if (!st) return fail(1, st.error().message());
    rt.hasher = std::move(st->hasher);
    rt.store = std::move(st->store);
    return 0;
}

std::map<std::string, core::Device*> device_index(Runtime& rt) {
    std::map<std::string, core::Device*> m;
    for (auto& d : rt.devices) m[d->id()] = d.get();
    return m;
}

int start_devices(Runtime& rt) {
    DeviceDeps deps{*rt.mqtt, &rt.cfg};
    auto devs = DeviceRegistry::build_all(rt.cfg, deps);
    if (!devs) return fail(kExConfig, devs.error().message());
    rt.devices = std::move(devs.value());
    const std::string since = core::format_rfc3339(rt.tz->to_local(rt.clock.now()));
    rt.retained->remove_devices();
    for (auto& d : rt.devices) rt.retained->add_device(d->id(), since);
    rt.loop->set_devices(device_index(rt));
    for (auto& d : rt.devices) d->start(*rt.loop);
    return 0;
}

void stop_devices(Runtime& rt) {
    for (auto& d : rt.devices) d->stop();
}

/// SIGHUP: validate the new file; swap atomically between batches, or keep the old one.
void reload(Runtime& rt, const std::string& path) {
    config::Config next;
    if (!load_valid(path, next)) {
        GW_LOG(Err, kChan, core::LogLine("reload rejected; keeping the running configuration"));
        return;
    }
    if (next.site.id != rt.cfg.site.id || next.gateway.id != rt.cfg.gateway.id ||
        next.gateway.state_dir != rt.cfg.gateway.state_dir || next.mqtt.url != rt.cfg.mqtt.url)
        GW_LOG(Warning, kChan, core::LogLine("site, gateway, state_dir and mqtt changes need a restart"));
    stop_devices(rt);
    rt.cfg.zones = next.zones;
    rt.cfg.points = next.points;
    rt.cfg.calendar = next.calendar;
    rt.cfg.devices = next.devices;
    rt.cfg.hash = next.hash;
    rt.topology = make_topology(rt.cfg);
    rt.loop->set_topology(rt.topology);
    rt.loop->set_config_hash(rt.cfg.hash);
    if (start_devices(rt) != 0) {
        GW_LOG(Err, kChan, core::LogLine("reload: devices failed to start"));
        return;
    }
    GW_LOG(Notice, kChan, core::LogLine("configuration reloaded").kv("hash", rt.cfg.hash));
}

/// Routes the MQTT adapter's lines (syslog levels) into the facade.
void mqtt_log(int level, std::string line) {
    const auto l = static_cast<core::LogLevel>(level < 3 ? 3 : level > 7 ? 7 : level);
    if (core::Log::enabled(l)) core::Log::write(l, "adp.mqtt", line);
}

void wire(Runtime& rt) {
    const core::GatewayIdentity id{rt.cfg.site.id, rt.cfg.gateway.id};
    rt.engine = std::make_unique<core::PolicyEngine>(*rt.store, *rt.store, *rt.store,
                                                     *rt.hasher, rt.topology->calendar());
    rt.service = std::make_unique<core::AccessService>(id, rt.clock, *rt.tz, *rt.store,
                                                       *rt.engine, *rt.store);
    rt.publisher = std::make_unique<adp::mqtt::OutboxPublisher>(
        *rt.store, *rt.mqtt, static_cast<size_t>(rt.cfg.mqtt.max_inflight), mqtt_log);
    rt.retained = std::make_unique<RetainedState>(
        id.base_topic(), core::format_rfc3339(rt.tz->to_local(rt.clock.now())));
    rt.retained->set_bus(rt.mqtt.get());
    rt.loop = std::make_unique<CoreLoop>(LoopDeps{*rt.service, *rt.store, *rt.store, *rt.store,
                                                  *rt.publisher, *rt.retained, rt.clock, *rt.tz,
                                                  rt.cfg.hash});
    rt.loop->set_topology(rt.topology);
    rt.loop->set_batch_window(rt.cfg.store.batch_window);
    rt.loop->on_turn([&rt] { rt.mqtt->begin_burst(); }, [&rt] { rt.mqtt->end_burst(); });
}

/// The MQTT client's callbacks run on its network thread: they only post to the loop,
/// which exists before start() is called.
adp::mqtt::MqttCallbacks mqtt_callbacks(Runtime& rt) {
    adp::mqtt::MqttCallbacks cb;
    cb.on_connected = [&rt] { rt.loop->post(BrokerConnected{}); };
    cb.on_disconnected = [&rt](std::error_code why) {
        rt.loop->post(BrokerDisconnected{why ? why.message() : "clean stop"});
    };
    cb.on_published = [&rt](int mid) { rt.loop->post(PublishAcked{mid}); };
    cb.on_log = mqtt_log;
    return cb;
}

/// Feeds systemd's watchdog from the core loop (half of WatchdogSec) and refreshes
/// STATUS= when the summary changes (checked at most every second).
void watch_service(Runtime& rt, adp::systemd::SystemdNotifier& n) {
    if (!n.enabled()) return;
    using namespace std::chrono;
    const auto wd = duration_cast<milliseconds>(n.watchdog_interval());
    const milliseconds max_wait = wd.count() > 0 ? std::min(milliseconds(1000), wd) : milliseconds(1000);
    struct State {
        steady_clock::time_point last_wd, last_status;
        std::string status;
    };
    auto st = std::make_shared<State>();
    rt.loop->on_tick([&rt, &n, wd, st] {
        const auto now = steady_clock::now();
        if (wd.count() > 0 && now - st->last_wd >= wd) {
            n.watchdog();
            st->last_wd = now;
        }
        if (now - st->last_status < seconds(1)) return;
        st->last_status = now;
        if (auto line = rt.loop->status_line(); line != st->status) {
            n.status(line);
            st->status = std::move(line);
        }
    }, max_wait);
}

}  // namespace

int run_daemon(const std::string& config_path) {
    Runtime rt;
    if (!load_valid(config_path, rt.cfg)) return kExConfig;
    core::LogLevel lvl;
    if (core::Log::parse_level(rt.cfg.log.level, lvl)) core::Log::set_level(lvl);
    rt.tz = std::make_unique<SystemTimeZone>(rt.cfg.site.timezone);
    if (int rc = open_state(rt)) return rc;
    auto mo = mqtt_options(rt.cfg);
    if (!mo) return fail(kExConfig, mo.error().message());
    const core::GatewayIdentity id{rt.cfg.site.id, rt.cfg.gateway.id};
    mo->will_topic = id.base_topic() + "/status";
    mo->will_payload = RetainedState::offline_payload();
    rt.mqtt = std::make_unique<adp::mqtt::MqttClient>(mo.value(), mqtt_callbacks(rt));
    rt.topology = make_topology(rt.cfg);
    wire(rt);
    if (int rc = start_devices(rt)) return rc;
    rt.loop->on_reload([&rt, config_path] { reload(rt, config_path); });
    adp::systemd::SystemdNotifier notifier;
    watch_service(rt, notifier);
    SignalWatcher signals([loop = rt.loop.get()](LoopMessage m) { loop->post(std::move(m)); });
    if (auto st = rt.mqtt->start(); !st) return fail(kExConfig, st.error().message());
    GW_LOG(Notice, kChan, core::LogLine("campusgw running").kv("site", rt.cfg.site.id)
                              .kv("gateway", rt.cfg.gateway.id)
                              .kv("devices", static_cast<long long>(rt.devices.size())));
    notifier.ready(rt.loop->status_line());  // config, store, MQTT adapter, devices are up
    rt.loop->run();
    notifier.stopping();
    stop_devices(rt);
    rt.loop->finish(std::chrono::milliseconds(3000));
    rt.mqtt->publish(id.base_topic() + "/status", RetainedState::offline_payload(), 1, true);
    rt.mqtt->stop();
    GW_LOG(Notice, kChan, core::LogLine("campusgw stopped")
                              .kv("outbox_depth", static_cast<long long>(rt.store->stats().depth)));
    return 0;
}

}  // namespace gw::app
