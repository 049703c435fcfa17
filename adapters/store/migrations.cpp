#include "migrations.hpp"

#include <array>
#include <string>

#include "database.hpp"
#include "store_error.hpp"

namespace gw::adp::store {
namespace {

// Append only: never edit a migration that has shipped; add the next one.
constexpr std::array<const char*, 3> kMigrations = {
    // 1: roster (+ staging for snapshots), counters, timetable, outbox, meta.
    // Credentials keep only the keyed hash of a card UID (uid_key) and the public tag
    // (ref); uid_key is not UNIQUE on purpose: two roster records may name the same card
    // (re-issued credential, old one lost) and a sync must not fail on that.
    R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY NOT NULL, value) WITHOUT ROWID;

CREATE TABLE persons(
  id TEXT PRIMARY KEY NOT NULL, role TEXT NOT NULL, status TEXT NOT NULL,
  groups TEXT NOT NULL, valid_from INTEGER NOT NULL, valid_to INTEGER NOT NULL,
  display TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE credentials(
  id TEXT PRIMARY KEY NOT NULL, person_id TEXT NOT NULL, kind TEXT NOT NULL,
  status TEXT NOT NULL, uid_key TEXT, ref TEXT NOT NULL, photo_url TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX credentials_uid_key ON credentials(uid_key) WHERE uid_key IS NOT NULL;
CREATE INDEX credentials_ref ON credentials(ref);
CREATE INDEX credentials_person ON credentials(person_id);

CREATE TABLE stage_persons(
  id TEXT PRIMARY KEY NOT NULL, role TEXT NOT NULL, status TEXT NOT NULL,
  groups TEXT NOT NULL, valid_from INTEGER NOT NULL, valid_to INTEGER NOT NULL,
  display TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE stage_credentials(
  id TEXT PRIMARY KEY NOT NULL, person_id TEXT NOT NULL, kind TEXT NOT NULL,
  status TEXT NOT NULL, uid_key TEXT, ref TEXT NOT NULL, photo_url TEXT NOT NULL) WITHOUT ROWID;

CREATE TABLE meal_counts(
  person TEXT NOT NULL, zone TEXT NOT NULL, meal_window TEXT NOT NULL, day INTEGER NOT NULL,
  count INTEGER NOT NULL, PRIMARY KEY(person, zone, meal_window, day)) WITHOUT ROWID;
CREATE INDEX meal_counts_day ON meal_counts(day);
CREATE TABLE passback(
  person TEXT NOT NULL, zone TEXT NOT NULL, last_dir INTEGER NOT NULL, day INTEGER NOT NULL,
  PRIMARY KEY(person, zone)) WITHOUT ROWID;

CREATE TABLE sessions(
  id TEXT PRIMARY KEY NOT NULL, title TEXT NOT NULL, grp TEXT NOT NULL,
  start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE session_points(
  point TEXT NOT NULL, session_id TEXT NOT NULL, PRIMARY KEY(point, session_id)) WITHOUT ROWID;
CREATE INDEX session_points_session ON session_points(session_id);

CREATE TABLE outbox(
  seq INTEGER PRIMARY KEY, topic TEXT NOT NULL, payload TEXT NOT NULL,
  created_ms INTEGER NOT NULL);
)sql",
    // 2: the tap lookup (credential by uid_key) reads the index only: a covering index
    // saves reading the credential row, one page read per tap on a large roster.
    R"sql(
DROP INDEX credentials_uid_key;
CREATE INDEX credentials_uid_cover
  ON credentials(uid_key, status <> 'active', id, person_id, kind, status, ref, photo_url)
  WHERE uid_key IS NOT NULL;
)sql",
    // 3: e-ID credentials revoked (eid-sync-v1 §5), by cid (lower-case hex of the cti).
    R"sql(
CREATE TABLE eid_revocations(cid TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID;
)sql",
};

core::Result<int64_t> schema_version(Database& db) {
    auto v = db.query_int("PRAGMA user_version", "read schema version");
    if (!v) return v.error();
    if (v.value() < 0 || v.value() > static_cast<int64_t>(kMigrations.size()))
        return store_error(StoreErrc::SchemaTooNew,
                           "schema version " + std::to_string(v.value()));
    return v;
}

/// Applies the next migration, if any. The version is read again under the write lock:
/// another process may have migrated while we waited for it.
core::Result<bool> step(Database& db) {
    WriteTransaction tx(db);
    if (auto st = tx.begin(); !st) return st.error();
    auto v = schema_version(db);
    if (!v) return v.error();
    const auto index = static_cast<size_t>(v.value());
    if (index == kMigrations.size()) {
        if (auto st = tx.commit(); !st) return st.error();
        return false;
    }
    const std::string what = "migration " + std::to_string(index + 1);
    if (auto st = db.exec(kMigrations[index], what); !st) return st.error();
    const std::string set_version = "PRAGMA user_version = " + std::to_string(index + 1);
    if (auto st = db.exec(set_version.c_str(), what); !st) return st.error();
    if (auto st = tx.commit(); !st) return st.error();
    return true;
}

}  // namespace

int latest_schema_version() { return static_cast<int>(kMigrations.size()); }

core::Status check_schema_current(Database& db) {
    auto v = schema_version(db);
    if (!v) return v.error();
    if (v.value() == latest_schema_version()) return core::Ok{};
    return store_error(StoreErrc::ReadOnly,
                       db.path() + ": schema version " + std::to_string(v.value()) +
                           ", this campusgw needs " + std::to_string(latest_schema_version()) +
                           "; a read-only database cannot be migrated");
}

core::Status migrate(Database& db) {
    auto v = schema_version(db);  // refuse a newer database before taking any lock
    if (!v) return v.error();
    for (;;) {
        auto more = step(db);
        if (!more) return more.error();
        if (!more.value()) return core::Ok{};
    }
}

}  // namespace gw::adp::store
