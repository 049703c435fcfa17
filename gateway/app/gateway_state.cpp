#include "gateway_state.hpp"

#include <filesystem>

#include "adapters/crypto/gateway_secret.hpp"

namespace gw::app {

core::Result<GatewayState> open_gateway_state(const config::Config& cfg) {
    const std::string& dir = cfg.gateway.state_dir;
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return core::Error{ec, "state_dir " + dir};
    auto secret = adp::crypto::GatewaySecret::load_or_create(dir);
    if (!secret) return secret.error();
    GatewayState s;
    s.hasher = std::make_unique<adp::crypto::HmacHasher>(secret.value());
    adp::store::StoreOptions so;
    so.path = dir + "/campusgw.db";
    so.synchronous = cfg.store.synchronous;
    so.max_events = cfg.outbox.max_events;
    auto store = adp::store::SqliteStore::open(so);
    if (!store) return store.error();
    s.store = std::move(store.value());
    return s;
}

}  // namespace gw::app
