#pragma once
// Opens what a gateway keeps on disk, the same way for the daemon and the one-shot
// commands: the state directory, the per-gateway secret (keyed hashes) and the SQLite store.
#include <memory>

#include "adapters/crypto/hmac_hasher.hpp"
#include "adapters/store/sqlite_store.hpp"
#include "gateway/config/config.hpp"
#include "gateway/core/result.hpp"

namespace gw::app {

struct GatewayState {
    std::unique_ptr<adp::crypto::HmacHasher> hasher;
    std::unique_ptr<adp::store::SqliteStore> store;
};

/// Opens the state; a read-only state directory holding a database of the current schema
/// opens read-only (SqliteStore::read_only(), alarm on). Errors say when the directory
/// cannot be written.
core::Result<GatewayState> open_gateway_state(const config::Config& cfg);
/// The exit code for a failed open_gateway_state(): 73 (EX_CANTCREAT) when the state
/// directory cannot be written, else 1.
int state_exit_code(const config::Config& cfg);

}  // namespace gw::app
