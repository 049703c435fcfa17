#include "store_error.hpp"

#include <sqlite3.h>

#include <array>
#include <string>

namespace gw::adp::store {
namespace {

constexpr std::array<std::string_view, 8> kOwnMessages = {
    "bad store option",
    "database schema is newer than this campusgw",
    "a batch is already open",
    "no batch is open",
    "batch aborted by an earlier failure",
    "outbox seq out of order",
    "identity hashing failed",
    "roster snapshot interrupted; start a new snapshot",
};

static_assert(kOwnMessages.size() == static_cast<size_t>(StoreErrc::SnapshotInterrupted) -
                                         static_cast<size_t>(StoreErrc::BadOption) + 1,
              "one message per own StoreErrc");

class StoreCategory final : public std::error_category {
public:
    const char* name() const noexcept override { return "sqlite"; }
    std::string message(int ev) const override {
        const int own = ev - static_cast<int>(StoreErrc::BadOption);
        if (own >= 0 && static_cast<size_t>(own) < kOwnMessages.size())
            return std::string(kOwnMessages[static_cast<size_t>(own)]);
        return sqlite3_errstr(ev);
    }
};

}  // namespace

const std::error_category& store_category() noexcept {
    static const StoreCategory category;
    return category;
}

core::Error sqlite_error(int rc, sqlite3* db, std::string_view what) {
    core::Error e{std::error_code(rc & 0xff, store_category()), std::string(what)};
    // The connection's message adds detail ("no such table: x"); skip it when it only
    // repeats the code's own text.
    if (db && sqlite3_errcode(db) == rc) {
        const std::string msg = sqlite3_errmsg(db);
        if (msg != sqlite3_errstr(rc)) e.context += " (" + msg + ")";
    }
    return e;
}

bool is_storage_failure(const core::Error& e) {
    return e.code == StoreErrc::Full || e.code == StoreErrc::IoErr ||
           e.code == StoreErrc::ReadOnly || e.code == StoreErrc::Perm ||
           e.code == StoreErrc::CantOpen;
}

}  // namespace gw::adp::store
