// SqliteStore: opening a database whose state directory cannot be written (read-only media,
// typically an SD card the kernel remounted read-only after an error; or no permission).
// The gateway must still answer terminals: the store opens read-only, lookups use the
// roster on disk, and every batch keeps its events in memory (sqlite_store_spill.cpp) with
// the alarm on (stats().store_error) from the start. Nothing here writes.
//
// SQLite and WAL on read-only media: with the -wal and -shm a crash (kill -9, power cut)
// left behind, a read-only connection reads them (a heap-memory index); after a clean stop
// they are gone and cannot be created, so the database is opened `immutable` instead —
// correct then, as everything is in the main file. A -wal without a -shm is refused
// rather than ignored: ignoring it would lose commits (the last seq among them).
// Migrations cannot run: a schema other than the latest is refused.
// Acknowledged events that are on the disk cannot be deleted from it: they leave the depth
// and pending() (forget_on_read_only_disk), and a restart on a repaired disk re-sends them.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

#include "database.hpp"
#include "gateway/core/log.hpp"
#include "migrations.hpp"
#include "sqlite_store.hpp"
#include "store_error.hpp"

namespace gw::adp::store {
namespace {

constexpr std::string_view kChan = "adp.store";

/// Why `path` cannot be written, as the system says it (e.g. "Read-only file system").
std::string write_refusal(const std::string& path) {
    if (::access(path.c_str(), W_OK) == 0) return "not writable";
    return std::strerror(errno);
}

/// A first read: the schema version. Fails after a clean stop (no -shm/-wal to use).
core::Status probe(Database& db) {
    auto v = db.query_int("PRAGMA user_version", "read schema version");
    if (!v) return v.error();
    return core::Ok{};
}

/// `db`, or an immutable connection when `db` cannot read a cleanly stopped WAL database.
core::Result<std::unique_ptr<Database>> readable(std::unique_ptr<Database> db,
                                                 const StoreOptions& o) {
    auto st = probe(*db);
    if (st) return db;
    std::error_code ec;
    // A read-only mount says CANTOPEN, a directory without write permission READONLY.
    const bool no_index = st.error().code == StoreErrc::CantOpen ||
                          st.error().code == StoreErrc::ReadOnly;
    if (!no_index || std::filesystem::exists(o.path + "-wal", ec)) return st.error();
    db.reset();
    auto imm = Database::open(o.path, static_cast<int>(o.busy_timeout.count()),
                              Database::Mode::Immutable);
    if (!imm) return imm.error();
    if (auto again = probe(*imm.value()); !again) return again.error();
    return std::move(imm.value());
}

}  // namespace

core::Result<std::unique_ptr<SqliteStore>> SqliteStore::open_read_only(
    const StoreOptions& options, std::unique_ptr<Database> db) {
    auto r = readable(std::move(db), options);
    if (!r) return with_path(r.error(), options.path);
    if (auto st = check_schema_current(*r.value()); !st) return with_path(st.error(), options.path);
    const std::string pragmas = "PRAGMA cache_size = -" + std::to_string(options.cache_kib) +
                                "; PRAGMA mmap_size = 0;";
    if (auto st = r.value()->exec(pragmas.c_str(), "configure"); !st)
        return with_path(st.error(), options.path);
    auto store = finish_open(std::move(r.value()), options);
    if (!store) return store.error();
    const std::string dir = std::filesystem::path(options.path).parent_path().string();
    const std::string why = write_refusal(options.path);
    SqliteStore& s = *store.value();
    s.read_only_ = true;
    s.read_only_last_seq_ = s.outbox_.next_seq - 1;
    s.write_error_ = store_error(StoreErrc::ReadOnly, dir + " (" + why + ")");
    GW_LOG(Err, kChan, core::LogLine("state directory cannot be written at start; decisions go "
                                     "on from the roster on disk, events are kept in memory; "
                                     "repair the disk, then restart campusgw")
                           .kv("state_dir", dir).kv("err", why));
    return store;
}

core::Status SqliteStore::forget_on_read_only_disk(const std::vector<uint64_t>& seqs) {
    // Nothing can be deleted, and failing would make the publisher ask again and again.
    // The rows leave the depth; a restart re-sends them (consumers de-duplicate by seq).
    for (const uint64_t seq : seqs) {
        if (seq > read_only_last_seq_ || !acked_on_read_only_disk_.insert(seq).second) continue;
        if (outbox_.depth > 0) --outbox_.depth;
    }
    recent_.forget_through(*std::max_element(seqs.begin(), seqs.end()));
    return core::Ok{};
}

bool SqliteStore::skip_acked_on_read_only_disk(std::vector<core::OutboxEntry>& out,
                                               uint64_t& after) const {
    if (out.empty() || acked_on_read_only_disk_.empty()) return false;
    const uint64_t last = out.back().seq;
    std::erase_if(out, [&](const core::OutboxEntry& e) {
        return acked_on_read_only_disk_.contains(e.seq);
    });
    if (!out.empty()) return false;
    after = last;
    return true;
}

}  // namespace gw::adp::store
