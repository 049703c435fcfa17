#include "daemon.hpp"

#include <iostream>
#include <memory>
#include <thread>

#include "adapters/crypto/hmac_hasher.hpp"
#include "adapters/mqtt/mqtt_client.hpp"
#include "adapters/mqtt/outbox_publisher.hpp"
#include "adapters/store/sqlite_store.hpp"
#include "adapters/systemd/systemd_notifier.hpp"
#include "core_loop.hpp"
#include "device_registry.hpp"
#include "door_request_verifier.hpp"
#include "eid_service.hpp"
#include "gateway_state.hpp"
#include "key_file.hpp"
#include "metrics_server.hpp"
#include "qr_service.hpp"
#include "request_handler.hpp"
#include "gateway/config/config.hpp"
#include "gateway/core/log.hpp"
#include "secret_file.hpp"
#include "seq_guard.hpp"
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
    std::unique_ptr<EidService> eid;  // [eid] only; its bus handlers outlive it safely
    std::unique_ptr<QrService> qr;
    std::unique_ptr<core::PolicyEngine> engine;
    std::unique_ptr<core::AccessService> service;
    std::unique_ptr<adp::mqtt::OutboxPublisher> publisher;
    std::unique_ptr<RetainedState> retained;
    std::unique_ptr<CoreLoop> loop;
    std::unique_ptr<DoorRequestVerifier> doors;
    std::unique_ptr<RequestHandler> requests;
    std::unique_ptr<MetricsServer> metrics;
    std::vector<std::unique_ptr<core::Device>> devices;
    std::shared_ptr<const core::Topology> topology;
};

int open_state(Runtime& rt) {
    auto st = open_gateway_state(rt.cfg);
    if (!st) return fail(state_exit_code(rt.cfg), st.error().message());
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
    DeviceDeps deps{*rt.mqtt,
                    core::GatewayIdentity{rt.cfg.site.id, rt.cfg.gateway.id}.base_topic(),
                    [&rt] { return core::format_rfc3339(rt.tz->to_local(rt.clock.now())); },
                    &rt.cfg};
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

/// SIGHUP and the `reload` request: validate the new file; swap atomically between
/// batches, or keep the old one. Returns "" or why the running configuration was kept.
std::string reload(Runtime& rt, const std::string& path) {
    config::Config next;
    if (!load_valid(path, next)) {
        GW_LOG(Err, kChan, core::LogLine("reload rejected; keeping the running configuration"));
        return "the new configuration is invalid (see the log); the running one is kept";
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
    rt.cfg.qr = next.qr;
    rt.qr->reconfigure(rt.cfg);
    rt.topology = make_topology(rt.cfg);
    rt.loop->set_topology(rt.topology);
    rt.loop->set_config_hash(rt.cfg.hash);
    if (start_devices(rt) != 0) {
        GW_LOG(Err, kChan, core::LogLine("reload: devices failed to start"));
        return "the new devices failed to start (see the log)";
    }
    GW_LOG(Notice, kChan, core::LogLine("configuration reloaded").kv("hash", rt.cfg.hash));
    return {};
}

/// Opens a point's door once (the `door/open` request, already verified).
std::string open_point_door(Runtime& rt, const std::string& point_id) {
    const core::AccessPoint* p = rt.topology->point(point_id);
    if (!p) return "no such point";
    if (p->door_id.empty()) return "the point has no door";
    for (auto& d : rt.devices)
        if (d->id() == p->door_id) {
            d->open_door();
            return {};
        }
    return "the point's door device is not running";
}

/// Serves /metrics ([metrics] listen); each scrape is rendered by the core loop. A port
/// that cannot be bound (in use) disables metrics with an error line, nothing more.
int start_metrics(Runtime& rt) {
    if (rt.cfg.metrics.listen.empty()) return 0;
    rt.metrics = std::make_unique<MetricsServer>(rt.cfg.metrics.listen, [&rt]() -> std::optional<std::string> {
        auto reply = std::make_shared<std::promise<std::string>>();
        auto text = reply->get_future();
        rt.loop->post(MetricsScrape{reply});
        if (text.wait_for(std::chrono::seconds(2)) != std::future_status::ready) return std::nullopt;
        try {
            return text.get();
        } catch (const std::future_error&) {  // the loop stopped without answering
            return std::nullopt;
        }
    });
    if (auto st = rt.metrics->start(); !st) {
        // Access control matters more than metrics: say so loudly and carry on.
        GW_LOG(Err, kChan, core::LogLine("metrics disabled").kv("why", st.error().context));
        rt.metrics.reset();
    }
    return 0;
}

/// The `sync` request: starts a sync on the e-ID thread and answers at once (the loop
/// never waits for the network); unset without [eid].
std::function<std::string()> sync_request(Runtime& rt) {
    if (!rt.eid) return {};
    return [&rt] {
        rt.eid->request_now();
        return std::string();
    };
}

/// [eid]: the e-ID sync thread, its own store connection, the notify subscriptions.
int start_eid(Runtime& rt) {
    if (!rt.cfg.eid.enabled) return 0;
    auto eid = EidService::start(rt.cfg, rt.clock, *rt.tz, *rt.mqtt);
    if (!eid) return fail(kExConfig, eid.error().message());
    rt.eid = std::move(eid.value());
    rt.retained->set_eid_status([svc = rt.eid.get()] { return svc->status(); });
    return 0;
}

/// e-ID QR codes: the issuer keys follow the stored trust list (checked every second
/// against the sync's version; `campusgw trust import` is picked up on reload).
int start_qr(Runtime& rt) {
    auto qr = QrService::create(rt.cfg, *rt.store);
    if (!qr) return fail(kExConfig, qr.error().message());
    rt.qr = std::move(qr.value());
    return 0;
}

void follow_trust_list(Runtime& rt) {
    if (!rt.eid) return;
    rt.loop->on_tick([&rt] { rt.qr->refresh(rt.eid->status().trust_list_version); },
                     std::chrono::milliseconds(1000));
}

/// Builds the request handler (mqtt-v1 §4) and subscribes to `{base}/request/#`.
int wire_requests(Runtime& rt, const std::string& config_path) {
    const core::GatewayIdentity id{rt.cfg.site.id, rt.cfg.gateway.id};
    std::optional<Key32> key;
    if (!rt.cfg.requests.door_key_file.empty()) {
        auto k = read_key_file(rt.cfg.requests.door_key_file);
        if (!k) return fail(kExConfig, "[requests] door_key_file: " + k.error().message());
        key = k.value();
    }
    rt.doors = std::make_unique<DoorRequestVerifier>(id.site, id.gateway, key);
    RequestDeps deps{*rt.mqtt, id.base_topic(), rt.clock, *rt.store, *rt.doors,
                     [&rt] { return rt.retained->health_payload(rt.loop->info_facts()); },
                     [&rt, config_path] { return reload(rt, config_path); },
                     [&rt](const std::string& point) { return open_point_door(rt, point); },
                     sync_request(rt)};
    rt.requests = std::make_unique<RequestHandler>(std::move(deps));
    rt.loop->on_scrape([&rt](MetricsFacts& f) {
        f.requests_ok = rt.requests->stats().ok;
        f.requests_error = rt.requests->stats().errors;
        f.requests_malformed = rt.requests->stats().malformed;
    });
    rt.loop->on_request([&rt](const RequestReceived& r) { rt.requests->handle(r.op, r.payload); });
    const std::string prefix = id.base_topic() + "/request/";
    rt.mqtt->subscribe(prefix + "#", [&rt, prefix](const std::string& topic, const std::string& payload) {
        rt.loop->post(RequestReceived{topic.substr(prefix.size()), payload});
    });
    return 0;
}

/// Reads the gateway's own retained `info` (and its echoes): the SeqGuard learns from it
/// the last seq any earlier run published.
void watch_own_info(Runtime& rt) {
    const core::GatewayIdentity id{rt.cfg.site.id, rt.cfg.gateway.id};
    rt.mqtt->subscribe(id.base_topic() + "/info", [&rt](const std::string&, const std::string& p) {
        if (auto seq = SeqGuard::last_seq_of(p)) rt.loop->post(SeqSeen{*seq});
    });
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
    rt.service->set_qr_gate(&rt.qr->gate());
    rt.publisher = std::make_unique<adp::mqtt::OutboxPublisher>(
        *rt.store, *rt.mqtt, static_cast<size_t>(rt.cfg.mqtt.max_inflight), mqtt_log);
    rt.retained = std::make_unique<RetainedState>(
        id.base_topic(), core::format_rfc3339(rt.tz->to_local(rt.clock.now())));
    rt.retained->set_bus(rt.mqtt.get());
    rt.retained->set_confirmed_send([&rt](const std::string& topic, const std::string& payload) {
        auto r = rt.mqtt->publish_qos1(topic, payload, /*retain=*/true);
        return r ? std::optional<int>(r.value()) : std::nullopt;
    });
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
    rt.clock.set_trusted(rt.cfg.gateway.clock_trusted);
    if (int rc = open_state(rt)) return rc;
    auto mo = mqtt_options(rt.cfg);
    if (!mo) return fail(kExConfig, mo.error().message());
    const core::GatewayIdentity id{rt.cfg.site.id, rt.cfg.gateway.id};
    mo->will_topic = id.base_topic() + "/status";
    mo->will_payload = RetainedState::offline_payload();
    rt.mqtt = std::make_unique<adp::mqtt::MqttClient>(mo.value(), mqtt_callbacks(rt));
    rt.topology = make_topology(rt.cfg);
    if (int rc = start_qr(rt)) return rc;
    wire(rt);
    if (int rc = start_devices(rt)) return rc;
    rt.loop->on_reload([&rt, config_path] { (void)reload(rt, config_path); });
    if (int rc = start_eid(rt)) return rc;
    follow_trust_list(rt);
    if (int rc = wire_requests(rt, config_path)) return rc;
    watch_own_info(rt);
    if (int rc = start_metrics(rt)) return rc;
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
    // The HTTP server takes up to 250 ms to notice a stop: let it, while devices stop.
    std::thread metrics_stop([&rt] {
        if (rt.metrics) rt.metrics->stop();
    });
    if (rt.eid) rt.eid->stop();
    stop_devices(rt);
    rt.loop->finish(std::chrono::milliseconds(3000));
    rt.mqtt->publish(id.base_topic() + "/status", RetainedState::offline_payload(), 1, true);
    rt.mqtt->stop();
    metrics_stop.join();
    GW_LOG(Notice, kChan, core::LogLine("campusgw stopped")
                              .kv("outbox_depth", static_cast<long long>(rt.store->stats().depth)));
    return 0;
}

}  // namespace gw::app
