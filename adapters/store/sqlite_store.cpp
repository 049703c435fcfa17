// SqliteStore: opening, PRAGMAs, the batch (UnitOfWork) and the meta table.
// The roster, outbox and counter/timetable parts live in sqlite_store_*.cpp.
#include "sqlite_store.hpp"

#include <string>

#include "database.hpp"
#include "gateway/core/log.hpp"
#include "migrations.hpp"
#include "queries.hpp"
#include "store_error.hpp"

namespace gw::adp::store {
namespace {

constexpr std::string_view kChan = "adp.store";

core::Status check_options(const StoreOptions& o) {
    if (o.path.empty()) return store_error(StoreErrc::BadOption, "store path is empty");
    if (o.synchronous != "full" && o.synchronous != "normal")
        return store_error(StoreErrc::BadOption, "synchronous must be full or normal");
    if (o.max_events == 0) return store_error(StoreErrc::BadOption, "max_events must be >= 1");
    if (o.cache_kib < 256) return store_error(StoreErrc::BadOption, "cache_kib must be >= 256");
    return core::Ok{};
}

/// Connection settings. mmap stays off and the page cache small: the whole daemon aims at
/// <= 32 MB RSS. journal_size_limit truncates the WAL after a big snapshot has been
/// checkpointed instead of keeping it at its high-water mark.
core::Status configure(Database& db, const StoreOptions& o) {
    auto mode = db.query_text("PRAGMA journal_mode = WAL", "set WAL");
    if (!mode) return mode.error();
    if (mode.value() != "wal")
        return store_error(StoreErrc::CantOpen, db.path() + ": WAL mode refused (" +
                                                    mode.value() + ")");
    const std::string pragmas = "PRAGMA synchronous = " +
                                std::string(o.synchronous == "full" ? "FULL" : "NORMAL") +
                                "; PRAGMA cache_size = -" + std::to_string(o.cache_kib) +
                                "; PRAGMA mmap_size = 0; PRAGMA journal_size_limit = 4194304;"
                                " PRAGMA foreign_keys = OFF;";
    return db.exec(pragmas.c_str(), "configure");
}

}  // namespace

SqliteStore::SqliteStore(std::unique_ptr<Database> db, uint64_t max_events)
    : db_(std::move(db)), max_events_(max_events) {}

SqliteStore::~SqliteStore() {
    if (batch_open_) rollback();
}

core::Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const StoreOptions& options) {
    if (auto st = check_options(options); !st) return st.error();
    const int busy_ms = static_cast<int>(options.busy_timeout.count());
    auto db = Database::open(options.path, busy_ms);
    if (!db) return db.error();
    Database& d = *db.value();
    if (d.read_only()) return open_read_only(options, std::move(db.value()));
    if (auto st = configure(d, options); !st) return with_path(st.error(), options.path);
    if (auto st = migrate(d); !st) return with_path(st.error(), options.path);
    return finish_open(std::move(db.value()), options);
}

core::Result<std::unique_ptr<SqliteStore>> SqliteStore::finish_open(std::unique_ptr<Database> db,
                                                                    const StoreOptions& options) {
    if (auto st = db->prepare_all(); !st) return with_path(st.error(), options.path);
    std::unique_ptr<SqliteStore> store(new SqliteStore(std::move(db), options.max_events));
    if (auto st = store->load_outbox_state(); !st) return with_path(st.error(), options.path);
    if (auto st = store->build_swap_script(); !st) return with_path(st.error(), options.path);
    return store;
}

// ---- the batch ----------------------------------------------------------------------

core::Status SqliteStore::begin() {
    if (batch_open_) return store_error(StoreErrc::BatchOpen, "begin");
    // Read-only: a read transaction (consistent lookups); its writes cannot succeed, so the
    // batch is failed for storage from the start and its events go to memory at commit.
    if (auto st = db_->exec(read_only_ ? "BEGIN" : "BEGIN IMMEDIATE", "begin"); !st) {
        note_error(st.error());
        return st;
    }
    batch_open_ = true;
    batch_error_.reset();
    if (read_only_) batch_error_ = write_error_;
    outbox_at_begin_ = outbox_;
    spill_removed_in_batch_ = 0;
    removed_in_batch_.clear();
    return core::Ok{};
}

core::Status SqliteStore::commit() {
    if (!batch_open_) return store_error(StoreErrc::NoBatch, "commit");
    if (!batch_usable() || batch_error_) {
        const core::Error e = batch_error_ ? *batch_error_
                                           : store_error(StoreErrc::BatchAborted, "commit");
        if (is_storage_failure(e)) return spill_batch(e);
        rollback();
        return e;
    }
    core::Status st = remove_deferred();
    if (st) st = write_spill();
    if (st) st = write_outbox_meta();
    if (st) st = db_->exec("COMMIT", "commit");
    if (!st) {
        note_error(st.error());
        if (is_storage_failure(st.error())) return spill_batch(st.error());
        rollback();
        return st;
    }
    batch_open_ = false;
    deferred_removals_.clear();
    spill_written();
    recent_.commit();
    return core::Ok{};
}

void SqliteStore::rollback() {
    if (!batch_open_) return;
    if (db_->in_transaction()) {
        if (auto st = db_->exec("ROLLBACK", "rollback"); !st) note_error(st.error());
    }
    outbox_ = outbox_at_begin_;
    outbox_.depth -= spill_removed_in_batch_;  // spill_ is memory: not rolled back
    deferred_removals_.insert(deferred_removals_.end(), removed_in_batch_.begin(),
                              removed_in_batch_.end());
    removed_in_batch_.clear();
    recent_.discard();
    batch_open_ = false;
    batch_error_.reset();
}

bool SqliteStore::batch_usable() {
    if (!batch_open_ || db_->in_transaction()) return true;
    // SQLite rolls a transaction back by itself after some errors (disk full, I/O).
    // Statements run now would autocommit one by one: refuse them.
    if (!batch_error_) batch_error_ = store_error(StoreErrc::BatchAborted, "batch");
    return false;
}

void SqliteStore::note_error(const core::Error& e) {
    if (batch_open_ && !batch_error_) batch_error_ = e;
    // While the disk refuses writes, one line said so (spill_batch); do not repeat it per batch.
    const bool known = write_error_ && is_storage_failure(e);
    const auto level = known ? core::LogLevel::Debug : core::LogLevel::Err;
    if (core::Log::enabled(level))
        core::Log::write(level, kChan, core::LogLine("store operation failed").kv("err", e.message()).str());
}

// ---- meta ---------------------------------------------------------------------------

core::Status SqliteStore::put_meta(std::string_view key, std::string_view value) {
    StatementScope s(db_->stmt(Q::MetaPut));
    s->bind(1, key).bind(2, value);
    return s->run();
}

core::Status SqliteStore::put_meta(std::string_view key, int64_t value) {
    StatementScope s(db_->stmt(Q::MetaPut));
    s->bind(1, key).bind(2, value);
    return s->run();
}

core::Result<std::optional<std::string>> SqliteStore::get_meta(std::string_view key) {
    StatementScope s(db_->stmt(Q::MetaGet));
    s->bind(1, key);
    auto row = s->step();
    if (!row) return row.error();
    if (!row.value()) return std::optional<std::string>();
    return std::optional<std::string>(s->column_text(0));
}

}  // namespace gw::adp::store
