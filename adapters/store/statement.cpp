#include "statement.hpp"

#include <sqlite3.h>

#include "store_error.hpp"

namespace gw::adp::store {

void Statement::Finalizer::operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }

Statement::Statement(sqlite3_stmt* stmt, std::string_view name) : stmt_(stmt), name_(name) {}

Statement& Statement::bind(int index, int64_t value) {
    const int rc = sqlite3_bind_int64(stmt_.get(), index, value);
    if (rc != SQLITE_OK && bind_rc_ == SQLITE_OK) bind_rc_ = rc;
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    // SQLITE_TRANSIENT: SQLite copies the bytes, so temporaries are safe to pass.
    const int rc = sqlite3_bind_text64(stmt_.get(), index, value.data(), value.size(),
                                       SQLITE_TRANSIENT, SQLITE_UTF8);
    if (rc != SQLITE_OK && bind_rc_ == SQLITE_OK) bind_rc_ = rc;
    return *this;
}

Statement& Statement::bind_null(int index) {
    const int rc = sqlite3_bind_null(stmt_.get(), index);
    if (rc != SQLITE_OK && bind_rc_ == SQLITE_OK) bind_rc_ = rc;
    return *this;
}

Statement& Statement::bind_text_or_null(int index, std::string_view value) {
    return value.empty() ? bind_null(index) : bind(index, value);
}

core::Result<bool> Statement::step() {
    if (bind_rc_ != SQLITE_OK) {
        const int rc = bind_rc_;
        bind_rc_ = SQLITE_OK;
        return sqlite_error(rc, nullptr, std::string("bind ") + std::string(name_));
    }
    const int rc = sqlite3_step(stmt_.get());
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return sqlite_error(rc, sqlite3_db_handle(stmt_.get()), name_);
}

core::Status Statement::run() {
    for (;;) {
        auto r = step();
        if (!r) return r.error();
        if (!r.value()) return core::Ok{};
    }
}

int64_t Statement::column_int64(int col) const {
    return sqlite3_column_int64(stmt_.get(), col);
}

std::string Statement::column_text(int col) const {
    const auto* p = sqlite3_column_text(stmt_.get(), col);
    const int n = sqlite3_column_bytes(stmt_.get(), col);
    if (!p || n <= 0) return {};
    return std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(n));
}

bool Statement::column_null(int col) const {
    return sqlite3_column_type(stmt_.get(), col) == SQLITE_NULL;
}

void Statement::reset() {
    if (!stmt_) return;
    sqlite3_reset(stmt_.get());
    sqlite3_clear_bindings(stmt_.get());
    bind_rc_ = SQLITE_OK;
}

}  // namespace gw::adp::store
