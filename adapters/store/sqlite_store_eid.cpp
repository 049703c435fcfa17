// SqliteStore: what the e-ID sync keeps besides the roster and the timetable — the signed
// trust list (eid-sync-v1 §4, in `meta`: body, signature and version written together) and
// the revoked e-ID credentials of §5 (table eid_revocations, migration 3).
#include <charconv>

#include "database.hpp"
#include "sqlite_store.hpp"
#include "store_error.hpp"

namespace gw::adp::store {
namespace {

constexpr std::string_view kTrustBody = "trust_list_body";
constexpr std::string_view kTrustSig = "trust_list_signature";
constexpr std::string_view kTrustVersion = "trust_list_version";
constexpr std::string_view kRevocationsCursor = "revocations_cursor";

}  // namespace

std::optional<core::SignedTrustList> SqliteStore::stored_trust_list() {
    auto body = get_meta(kTrustBody);
    auto sig = get_meta(kTrustSig);
    auto version = get_meta(kTrustVersion);
    if (!body || !sig || !version || !body.value() || !sig.value() || !version.value())
        return std::nullopt;
    core::SignedTrustList t;
    const std::string& v = *version.value();
    if (std::from_chars(v.data(), v.data() + v.size(), t.version).ec != std::errc())
        return std::nullopt;
    t.body = std::move(*body.value());
    t.signature = std::move(*sig.value());
    return t;
}

core::Status SqliteStore::store_trust_list(const core::SignedTrustList& list) {
    if (batch_open_) return store_error(StoreErrc::BatchOpen, "store trust list");
    WriteTransaction tx(*db_);
    core::Status st = tx.begin();
    if (st) st = put_meta(kTrustBody, list.body);
    if (st) st = put_meta(kTrustSig, list.signature);
    if (st) st = put_meta(kTrustVersion, list.version);
    if (st) st = tx.commit();
    return st;
}

std::string SqliteStore::revocations_cursor() {
    auto v = get_meta(kRevocationsCursor);
    return v && v.value() ? *v.value() : std::string();
}

core::Status SqliteStore::run_cids(const char* sql, const std::vector<std::string>& cids) {
    auto stmt = db_->prepare(sql, "revocations");
    if (!stmt) return stmt.error();
    for (const auto& cid : cids) {
        StatementScope s(stmt.value());
        s->bind(1, cid);
        if (auto st = s->run(); !st) return st;
    }
    return core::Ok{};
}

core::Status SqliteStore::apply_revocations(const core::RevocationPage& page) {
    if (batch_open_) return store_error(StoreErrc::BatchOpen, "apply revocations");
    WriteTransaction tx(*db_);
    core::Status st = tx.begin();
    if (st && page.full) st = db_->exec("DELETE FROM eid_revocations", "clear revocations");
    if (st) st = run_cids("DELETE FROM eid_revocations WHERE cid = ?1", page.restored);
    if (st) st = run_cids("INSERT OR IGNORE INTO eid_revocations(cid) VALUES(?1)", page.revoked);
    if (st) st = put_meta(kRevocationsCursor, page.cursor);
    if (st) st = tx.commit();
    return st;
}

bool SqliteStore::is_revoked(std::string_view cid) {
    auto stmt = db_->prepare("SELECT 1 FROM eid_revocations WHERE cid = ?1", "is revoked");
    if (!stmt) return false;
    stmt->bind(1, cid);
    auto row = stmt->step();
    return row && row.value();
}

uint64_t SqliteStore::revoked_count() {
    auto stmt = db_->prepare("SELECT count(*) FROM eid_revocations", "count revoked");
    if (!stmt) return 0;
    auto row = stmt->step();
    return row && row.value() ? static_cast<uint64_t>(stmt->column_int64(0)) : 0;
}

}  // namespace gw::adp::store
