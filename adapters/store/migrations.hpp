#pragma once
// Numbered schema migrations. The schema version is PRAGMA user_version; migration N
// (1-based) is kMigrations[N-1], applied in its own transaction together with the new
// user_version, so a crash leaves the database at N-1 or N. A database newer than the
// table is refused (StoreErrc::SchemaTooNew) rather than guessed at.
#include "gateway/core/result.hpp"

namespace gw::adp::store {

class Database;

/// Brings the schema up to date. Blocking; called once when the store opens.
core::Status migrate(Database& db);
/// For a database that cannot be written: Ok if its schema is exactly the latest, else
/// ReadOnly (an older one would need a migration) or SchemaTooNew.
core::Status check_schema_current(Database& db);
/// The version migrate() brings a database to.
int latest_schema_version();

}  // namespace gw::adp::store
