#include "qr_service.hpp"

#include "adapters/eid/trust_list_parser.hpp"
#include "gateway/core/log.hpp"
#include "gateway/core/qr/issuer_key.hpp"

namespace gw::app {

namespace {
const char* kChan = "qr";
}

core::QrSettings qr_settings(const config::Config& cfg) {
    core::QrSettings s;
    s.skew = cfg.qr.skew;
    s.window = cfg.qr.window;
    return s;
}

core::Result<std::unique_ptr<QrService>> QrService::create(const config::Config& cfg,
                                                           adp::store::SqliteStore& store) {
    std::optional<adp::eid::TrustRoot> root;
    if (!cfg.eid.trust_root.empty()) {
        auto r = adp::eid::TrustRoot::load(cfg.eid.trust_root);
        if (!r) return core::Error{r.error().code, "[eid] trust_root: " + r.error().message()};
        root = std::move(r.value());
    }
    std::unique_ptr<QrService> svc(new QrService(store, std::move(root), qr_settings(cfg)));
    svc->load();
    return svc;
}

QrService::QrService(adp::store::SqliteStore& store, std::optional<adp::eid::TrustRoot> root,
                     core::QrSettings settings)
    : store_(store), root_(std::move(root)), gate_(verifier_, store, store, settings) {}

void QrService::reconfigure(const config::Config& cfg) {
    gate_.set_settings(qr_settings(cfg));
    refresh(std::nullopt, true);
}

void QrService::refresh(std::optional<int64_t> version, bool force) {
    if (!force && (!version || version == version_)) return;
    load();
}

void QrService::load() {
    auto held = store_.stored_trust_list();
    if (!held) {
        if (version_) GW_LOG(Warning, kChan, core::LogLine("trust list gone from the store"));
        gate_.set_issuer_keys({});
        version_.reset();
        return;
    }
    if (root_ && !root_->verify(held->body, held->signature)) {
        GW_LOG(Err, kChan, core::LogLine("stored trust list does not verify against the "
                                         "trust root; e-ID QR codes are refused unknown_issuer"));
        gate_.set_issuer_keys({});
        version_ = held->version;
        return;
    }
    auto list = adp::eid::parse_trust_list(held->body);
    if (!list) {
        GW_LOG(Err, kChan, core::LogLine("stored trust list unreadable")
                               .kv("err", list.error().message()));
        gate_.set_issuer_keys({});
        version_ = held->version;
        return;
    }
    auto keys = core::qr::issuer_keys_from(list.value());
    GW_LOG(Notice, kChan, core::LogLine("issuer keys loaded")
                              .kv("version", static_cast<long long>(list->version))
                              .kv("keys", static_cast<long long>(keys.size())));
    gate_.set_issuer_keys(std::move(keys));
    version_ = held->version;
}

}  // namespace gw::app
