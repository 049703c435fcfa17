#include "gateway_state.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "adapters/crypto/gateway_secret.hpp"
#include "command_support.hpp"

namespace gw::app {
namespace {

core::Result<GatewayState> open_parts(const config::Config& cfg) {
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

/// Why the state directory (or, if missing, its nearest existing parent) cannot be
/// written, as the system says it; "" when it can.
std::string write_refusal(std::filesystem::path dir) {
    std::error_code ec;
    while (!dir.empty() && !std::filesystem::exists(dir, ec) && dir != dir.parent_path())
        dir = dir.parent_path();
    if (dir.empty() || ::access(dir.c_str(), W_OK) == 0) return "";
    return std::strerror(errno);
}

}  // namespace

core::Result<GatewayState> open_gateway_state(const config::Config& cfg) {
    auto s = open_parts(cfg);
    if (s) return s;
    // A read-only state directory with a usable database opens read-only (the store raises
    // the alarm). What fails here would need a write: no database or secret yet, a migration.
    const std::string why = write_refusal(cfg.gateway.state_dir);
    if (why.empty()) return s;
    core::Error e = s.error();
    e.context = "state directory " + cfg.gateway.state_dir + " cannot be written (" + why +
                ") and what it holds is not enough to start; repair the disk or its "
                "permissions: " + e.context;
    return e;
}

int state_exit_code(const config::Config& cfg) {
    return write_refusal(cfg.gateway.state_dir).empty() ? 1 : kExCantCreate;
}

}  // namespace gw::app
