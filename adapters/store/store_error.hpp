#pragma once
// StoreErrc: failures of the SQLite store as a typed enum with its own
// std::error_category ("sqlite"). SQLite result codes are translated once, here: the
// primary result code (rc & 0xff) becomes the enumerator of the same value, so a raw
// SQLite int never leaves the adapter. Codes of the store itself start at 1000.
#include <string>
#include <string_view>
#include <system_error>

#include "gateway/core/result.hpp"

struct sqlite3;

namespace gw::adp::store {

enum class StoreErrc {
    // SQLite primary result codes (same values as SQLITE_*).
    Error = 1, Internal = 2, Perm = 3, Abort = 4, Busy = 5, Locked = 6, NoMem = 7,
    ReadOnly = 8, Interrupt = 9, IoErr = 10, Corrupt = 11, NotFound = 12, Full = 13,
    CantOpen = 14, Protocol = 15, Empty = 16, Schema = 17, TooBig = 18, Constraint = 19,
    Mismatch = 20, Misuse = 21, NoLfs = 22, Auth = 23, Format = 24, Range = 25, NotADb = 26,
    // The store's own.
    BadOption = 1000,        // StoreOptions out of range (synchronous, max_events)
    SchemaTooNew,            // the database was written by a newer campusgw
    BatchOpen,               // begin() twice, or a roster/timetable write inside a batch
    NoBatch,                 // commit() without begin()
    BatchAborted,            // an earlier statement of this batch failed; nothing was kept
    SeqMismatch,             // append() with a seq other than next_seq()
    HashFailed,              // the identity hasher returned no key
    SnapshotInterrupted,     // a snapshot page arrived after a failed one; start over
};

const std::error_category& store_category() noexcept;

inline std::error_code make_error_code(StoreErrc e) noexcept {
    return {static_cast<int>(e), store_category()};
}

/// The one place a SQLite return code becomes an error: code from `rc`, context
/// "what: <sqlite3_errmsg>" when `db` has a message.
core::Error sqlite_error(int rc, sqlite3* db, std::string_view what);

/// Disk full, read-only file system, I/O error, permission or open failure: the disk, not
/// the data, is at fault, and a later attempt may succeed.
bool is_storage_failure(const core::Error& e);

inline core::Error store_error(StoreErrc e, std::string_view what) {
    return core::Error{make_error_code(e), std::string(what)};
}

/// `e` with "path: " in front of its context.
inline core::Error with_path(core::Error e, const std::string& path) {
    e.context = path + ": " + e.context;
    return e;
}

}  // namespace gw::adp::store

template <>
struct std::is_error_code_enum<gw::adp::store::StoreErrc> : std::true_type {};
