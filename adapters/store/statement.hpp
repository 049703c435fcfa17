#pragma once
// Statement: owner of one prepared sqlite3_stmt (move-only), with typed binds and
// column reads. StatementScope resets and unbinds a (cached) statement when the scope
// ends, so a half-read SELECT never keeps a read transaction open in WAL mode.
// Not thread-safe: used from the thread that owns the Database.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "gateway/core/result.hpp"

struct sqlite3_stmt;

namespace gw::adp::store {

class Statement {
public:
    Statement() = default;
    /// Takes ownership of `stmt`; `name` (static storage) labels errors.
    Statement(sqlite3_stmt* stmt, std::string_view name);
    Statement(Statement&&) noexcept = default;
    Statement& operator=(Statement&&) noexcept = default;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    explicit operator bool() const { return stmt_ != nullptr; }
    std::string_view name() const { return name_; }

    // Parameters are numbered from 1, as in the SQL (?1, ?2 ...). A failed bind is kept
    // and reported by the next step().
    Statement& bind(int index, int64_t value);
    Statement& bind(int index, std::string_view value);
    Statement& bind_null(int index);
    /// NULL for an empty string.
    Statement& bind_text_or_null(int index, std::string_view value);

    /// true: a row is ready; false: done.
    core::Result<bool> step();
    /// Steps to the end (for statements that return no rows).
    core::Status run();

    int64_t column_int64(int col) const;
    std::string column_text(int col) const;
    bool column_null(int col) const;

    void reset();

private:
    struct Finalizer {
        void operator()(sqlite3_stmt* s) const;
    };
    std::unique_ptr<sqlite3_stmt, Finalizer> stmt_;
    std::string_view name_;
    int bind_rc_ = 0;
};

class StatementScope {
public:
    explicit StatementScope(Statement& s) : s_(s) {}
    ~StatementScope() { s_.reset(); }
    StatementScope(const StatementScope&) = delete;
    StatementScope& operator=(const StatementScope&) = delete;
    Statement* operator->() { return &s_; }
    Statement& operator*() { return s_; }

private:
    Statement& s_;
};

}  // namespace gw::adp::store
