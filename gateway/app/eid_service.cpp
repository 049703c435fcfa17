#include "eid_service.hpp"

#include <algorithm>

#include "adapters/eid/eid_sync.hpp"
#include "adapters/eid/http_fetcher.hpp"
#include "adapters/eid/sync_runner.hpp"
#include "adapters/eid/trust_root.hpp"
#include "gateway/core/log.hpp"
#include "gateway_state.hpp"
#include "secret_file.hpp"
#include "store_sync_adapter.hpp"

namespace gw::app {

struct EidService::Parts {
    std::unique_ptr<adp::eid::HttpFetcher> http;
    std::unique_ptr<StoreSyncAdapter> store;
    std::unique_ptr<adp::eid::EidSync> sync;
    // Shared with the bus handlers, which may outlive the service (the bus keeps them):
    // after stop() a notification only sets a flag nobody reads.
    std::shared_ptr<adp::eid::SyncRunner> runner;
};

namespace {

core::Error key_error(const std::string& key, const core::Error& e) {
    return core::Error{e.code, "[eid] " + key + ": " + e.context};
}

core::Result<std::unique_ptr<adp::eid::HttpFetcher>> make_http(const config::EidConfig& c) {
    adp::eid::HttpOptions o;
    o.base_url = c.url;
    o.ca_file = c.ca_file;
    o.cert_file = c.cert_file;
    o.key_file = c.key_file;
    o.timeout = c.timeout;
    if (!c.token_file.empty()) {
        auto token = read_secret_file(c.token_file);
        if (!token) return key_error("token_file", token.error());
        o.token = token.value();
    }
    auto http = adp::eid::HttpFetcher::create(std::move(o));
    if (!http) return key_error("url", http.error());
    return http;
}

/// Venue gateways (a zone admitting any valid e-ID) also follow the revocations of §5.
bool wants_revocations(const config::Config& cfg) {
    return std::any_of(cfg.zones.begin(), cfg.zones.end(),
                       [](const core::Zone& z) { return z.allow_any_valid_eid; });
}

}  // namespace

EidService::EidService(std::unique_ptr<Parts> parts) : p_(std::move(parts)) {}
EidService::~EidService() { stop(); }

core::Result<std::unique_ptr<EidService>> EidService::start(const config::Config& cfg,
                                                             const core::Clock& clock,
                                                             const core::TimeZone& tz,
                                                             core::MessageBus& bus) {
    const auto& c = cfg.eid;
    auto p = std::make_unique<Parts>();
    auto http = make_http(c);
    if (!http) return http.error();
    p->http = std::move(http.value());
    std::optional<adp::eid::TrustRoot> root;
    if (!c.trust_root.empty()) {
        auto r = adp::eid::TrustRoot::load(c.trust_root);
        if (!r) return key_error("trust_root", r.error());
        root = std::move(r.value());
    }
    auto state = open_gateway_state(cfg);  // a second connection, for the sync thread only
    if (!state) return state.error();
    p->store = std::make_unique<StoreSyncAdapter>(std::move(state->store), std::move(state->hasher));
    adp::eid::EidSyncOptions so;
    so.site = cfg.site.id;
    so.page_limit = static_cast<size_t>(c.page_limit);
    p->sync = std::make_unique<adp::eid::EidSync>(*p->http, *p->store, clock, tz, std::move(root), so);
    adp::eid::SyncRunnerOptions ro;
    ro.poll_interval = c.poll_interval;
    ro.revocations = wants_revocations(cfg);
    p->runner = std::make_shared<adp::eid::SyncRunner>(*p->sync, *p->http, clock,
                                                       p->store->roster_cursor(), ro);
    // The handlers run on the MQTT network thread: they only wake the sync thread.
    std::shared_ptr<adp::eid::SyncRunner> runner = p->runner;
    auto hint = [runner](const std::string&, const std::string& payload) { runner->notify(payload); };
    bus.subscribe("campus/v1/" + cfg.site.id + "/eid/notify", hint);
    bus.subscribe("campus/v1/eid/notify", hint);
    p->runner->start();
    GW_LOG(Notice, "adp.eid", core::LogLine("e-ID sync started")
                                  .kv("poll_interval_s", static_cast<long long>(c.poll_interval.count()))
                                  .kv("revocations", ro.revocations ? "yes" : "no")
                                  .kv("trust_root", c.trust_root.empty() ? "none" : "pinned"));
    return std::unique_ptr<EidService>(new EidService(std::move(p)));
}

void EidService::stop() {
    if (p_ && p_->runner) p_->runner->stop();
}

void EidService::request_now() { p_->runner->request_now(); }

core::SyncStatus EidService::status() const { return p_->runner->status(); }

}  // namespace gw::app
