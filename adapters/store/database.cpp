#include "database.hpp"

#include <sqlite3.h>

#include "store_error.hpp"

namespace gw::adp::store {

void Database::Closer::operator()(sqlite3* db) const {
    // Our statements are finalised first (~Database), so the connection really closes
    // here; close_v2 would otherwise defer it rather than leak.
    sqlite3_close_v2(db);
}

namespace {

/// `file:PATH?immutable=1`, PATH percent-encoded where a URI would misread it.
std::string immutable_uri(const std::string& path) {
    std::string uri = "file:";
    for (const char c : path) {
        if (c == '%' || c == '?' || c == '#') {
            static constexpr char kHex[] = "0123456789ABCDEF";
            const auto u = static_cast<unsigned char>(c);
            uri += {'%', kHex[u >> 4], kHex[u & 15]};
        } else {
            uri += c;
        }
    }
    return uri + "?immutable=1";
}

}  // namespace

Database::Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}

Database::~Database() {
    stmts_.clear();  // finalise before the connection closes
}

core::Result<std::unique_ptr<Database>> Database::open(const std::string& path,
                                                       int busy_timeout_ms, Mode mode) {
    sqlite3* raw = nullptr;
    const bool immutable = mode == Mode::Immutable;
    const int flags = SQLITE_OPEN_NOFOLLOW |
                      (immutable ? SQLITE_OPEN_READONLY | SQLITE_OPEN_URI
                                 : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    const std::string name = immutable ? immutable_uri(path) : path;
    const int rc = sqlite3_open_v2(name.c_str(), &raw, flags, nullptr);
    std::unique_ptr<Database> db(new Database(raw, path));  // owns raw even on failure
    if (rc != SQLITE_OK) return sqlite_error(rc, raw, "open " + path);
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, busy_timeout_ms);
    return db;
}

core::Status Database::exec(const char* sql, std::string_view what) {
    const int rc = sqlite3_exec(db_.get(), sql, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return sqlite_error(rc, db_.get(), what);
    return core::Ok{};
}

core::Result<int64_t> Database::query_int(const char* sql, std::string_view what) {
    auto st = prepare(sql, what);
    if (!st) return st.error();
    auto row = st->step();
    if (!row) return row.error();
    return row.value() ? st->column_int64(0) : 0;
}

core::Result<std::string> Database::query_text(const char* sql, std::string_view what) {
    auto st = prepare(sql, what);
    if (!st) return st.error();
    auto row = st->step();
    if (!row) return row.error();
    return row.value() ? st->column_text(0) : std::string();
}

core::Result<Statement> Database::prepare(const char* sql, std::string_view what) {
    sqlite3_stmt* raw = nullptr;
    const int rc = sqlite3_prepare_v2(db_.get(), sql, -1, &raw, nullptr);
    Statement st(raw, what);
    if (rc != SQLITE_OK) return sqlite_error(rc, db_.get(), what);
    return st;
}

core::Status Database::prepare_all() {
    stmts_.clear();
    stmts_.reserve(kQueries.size());
    for (const auto& q : kQueries) {
        sqlite3_stmt* raw = nullptr;
        const int rc = sqlite3_prepare_v3(db_.get(), q.sql.data(), static_cast<int>(q.sql.size()),
                                          SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
        if (rc != SQLITE_OK) {
            sqlite3_finalize(raw);
            return sqlite_error(rc, db_.get(), "prepare " + std::string(q.name));
        }
        stmts_.emplace_back(raw, q.name);
    }
    return core::Ok{};
}

int64_t Database::changes() const { return sqlite3_changes64(db_.get()); }

bool Database::in_transaction() const { return sqlite3_get_autocommit(db_.get()) == 0; }

bool Database::read_only() const { return sqlite3_db_readonly(db_.get(), "main") == 1; }

WriteTransaction::~WriteTransaction() { rollback(); }

void WriteTransaction::rollback() {
    if (open_ && db_.in_transaction()) (void)db_.exec("ROLLBACK", "rollback");
    open_ = false;
}

core::Status WriteTransaction::begin() {
    if (auto st = db_.exec("BEGIN IMMEDIATE", "begin"); !st) return st;
    open_ = true;
    return core::Ok{};
}

core::Status WriteTransaction::commit() {
    auto st = db_.exec("COMMIT", "commit");
    // A failed COMMIT leaves the transaction open (e.g. SQLITE_BUSY): the destructor rolls
    // it back. If SQLite already rolled back by itself there is nothing left to do.
    if (st || !db_.in_transaction()) open_ = false;
    return st;
}

}  // namespace gw::adp::store
