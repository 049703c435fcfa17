#pragma once
// Database: owner of one sqlite3 connection (closed in the destructor) and of the
// prepared statements of kQueries. Move-only through unique_ptr; not thread-safe: one
// thread uses it (SQLite serialises anyway, but the statement cache is shared state).
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/result.hpp"
#include "queries.hpp"
#include "statement.hpp"

struct sqlite3;

namespace gw::adp::store {

class Database {
public:
    /// How open() opens the file. ReadWrite creates it if missing; SQLite itself falls back
    /// to read-only when the file or its directory cannot be written (see read_only()).
    /// Immutable (`?immutable=1`): read-only, no locks, no -shm/-wal: the only way to read a
    /// WAL database on read-only media when its -shm/-wal are gone (a clean stop).
    enum class Mode { ReadWrite, Immutable };
    /// Opens the file at `path` with extended result codes and the given busy timeout.
    /// No PRAGMA is set here.
    static core::Result<std::unique_ptr<Database>> open(const std::string& path,
                                                        int busy_timeout_ms,
                                                        Mode mode = Mode::ReadWrite);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    /// Runs one or more statements that return no rows we need.
    core::Status exec(const char* sql, std::string_view what);
    /// The first column of the first row of `sql` as an integer / text (for PRAGMAs).
    core::Result<int64_t> query_int(const char* sql, std::string_view what);
    core::Result<std::string> query_text(const char* sql, std::string_view what);

    /// A one-off statement (not cached).
    core::Result<Statement> prepare(const char* sql, std::string_view what);
    /// Prepares every statement of kQueries (after migrations). Fails on the first error.
    core::Status prepare_all();
    /// A prepared statement of kQueries; use it through a StatementScope.
    Statement& stmt(Q q) { return stmts_[static_cast<size_t>(q)]; }

    /// Rows changed by the last INSERT/UPDATE/DELETE.
    int64_t changes() const;
    /// True while a transaction is open (BEGIN ran and no COMMIT/ROLLBACK ended it, and
    /// SQLite did not roll it back by itself after an I/O error).
    bool in_transaction() const;
    /// True when the connection cannot write (read-only media or permissions, or Immutable).
    bool read_only() const;
    const std::string& path() const { return path_; }

private:
    Database(sqlite3* db, std::string path);
    struct Closer {
        void operator()(sqlite3* db) const;
    };
    std::unique_ptr<sqlite3, Closer> db_;
    std::string path_;
    std::vector<Statement> stmts_;
};

/// A write transaction for one operation outside the batch: BEGIN IMMEDIATE (the write
/// lock is taken up front, so it never fails half-way for lack of it) ... COMMIT; rolled
/// back by the destructor unless committed.
class WriteTransaction {
public:
    explicit WriteTransaction(Database& db) : db_(db) {}
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;

    core::Status begin();
    core::Status commit();
    /// Ends the transaction now (what the destructor would do).
    void rollback();

private:
    Database& db_;
    bool open_ = false;
};

}  // namespace gw::adp::store
