// SqliteStore: roster lookups (core::RosterView) and roster writes (eid-sync-v1 §2).
//
// Snapshots are written page by page into stage_persons / stage_credentials (each page its
// own transaction, so memory stays flat) and swapped in by one transaction when the last
// page arrives: lookups keep seeing the previous roster until then, and a snapshot that
// never completes is discarded (or, after a crash, left in the staging tables until the
// next snapshot clears them: no page can continue it, as the staging state is in memory). Raw UIDs exist only in the RosterPage in memory;
// what is written is the keyed hash.
#include <charconv>
#include <cstdio>
#include <random>
#include <string>

#include "database.hpp"
#include "queries.hpp"
#include "sqlite_store.hpp"
#include "store_error.hpp"
#include "text_list.hpp"

namespace gw::adp::store {
namespace {

constexpr std::string_view kCursorKey = "roster_cursor";
constexpr std::string_view kUpdatedKey = "roster_updated_ms";
constexpr std::string_view kStageOwnerKey = "stage_owner";
core::Credential read_credential(Statement& s) {
    core::Credential c;
    c.id = s.column_text(0);
    c.person_id = s.column_text(1);
    c.kind = core::parse_credential_kind(s.column_text(2)).value_or(core::CredentialKind::NfcUid);
    // An unreadable status must not turn into "active": deny as revoked.
    c.status =
        core::parse_credential_status(s.column_text(3)).value_or(core::CredentialStatus::Revoked);
    c.uid_key = s.column_text(4);
    c.ref = s.column_text(5);
    c.photo_url = s.column_text(6);
    return c;
}

core::Person read_person(Statement& s) {
    core::Person p;
    p.id = s.column_text(0);
    p.role = core::parse_role(s.column_text(1)).value_or(core::Role::Visitor);
    p.status = core::parse_person_status(s.column_text(2)).value_or(core::PersonStatus::Left);
    p.groups = split_list(s.column_text(3));
    p.valid_from = static_cast<int32_t>(s.column_int64(4));
    p.valid_to = static_cast<int32_t>(s.column_int64(5));
    p.display = s.column_text(6);
    return p;
}

bool is_card(core::CredentialKind k) {
    return k == core::CredentialKind::NfcUid || k == core::CredentialKind::Desfire;
}

}  // namespace

// ---- lookups ------------------------------------------------------------------------

std::optional<core::Credential> SqliteStore::find_credential_by(Q query, std::string_view key,
                                                                std::string_view key2) {
    if (!batch_usable()) return std::nullopt;
    StatementScope s(db_->stmt(query));
    s->bind(1, key);
    if (!key2.empty()) s->bind(2, key2);
    auto row = s->step();
    if (!row) {
        note_error(row.error());
        return std::nullopt;
    }
    if (!row.value()) return std::nullopt;
    return read_credential(*s);
}

std::optional<core::Credential> SqliteStore::find_by_uid_key(std::string_view uid_key) {
    if (uid_key.empty()) return std::nullopt;  // a failed hash matches nothing
    return find_credential_by(Q::CredentialByUidKey, uid_key);
}

std::optional<core::Credential> SqliteStore::find_credential(std::string_view id) {
    return find_credential_by(Q::CredentialById, id);
}

std::optional<core::Credential> SqliteStore::find_by_ref(std::string_view ref) {
    return find_credential_by(Q::CredentialByRef, ref);
}

std::optional<core::Credential> SqliteStore::find_person_credential(
    std::string_view person_id, core::CredentialKind kind) {
    return find_credential_by(Q::CredentialOfPerson, person_id, core::to_string(kind));
}

std::optional<core::Person> SqliteStore::find_person(std::string_view id) {
    if (!batch_usable()) return std::nullopt;
    StatementScope s(db_->stmt(Q::PersonById));
    s->bind(1, id);
    auto row = s->step();
    if (!row) {
        note_error(row.error());
        return std::nullopt;
    }
    if (!row.value()) return std::nullopt;
    return read_person(*s);
}

std::optional<core::SysTime> SqliteStore::roster_updated_at() {
    auto v = get_meta(kUpdatedKey);
    if (!v) {
        note_error(v.error());
        return std::nullopt;
    }
    if (!v.value()) return std::nullopt;
    int64_t ms = 0;
    const std::string& text = *v.value();
    if (std::from_chars(text.data(), text.data() + text.size(), ms).ec != std::errc())
        return std::nullopt;
    return core::SysTime(std::chrono::duration_cast<core::SysTime::duration>(
        std::chrono::milliseconds(ms)));
}

std::string SqliteStore::roster_cursor() {
    auto v = get_meta(kCursorKey);
    if (!v) {
        note_error(v.error());
        return {};
    }
    return v.value().value_or(std::string());
}

core::Result<RosterCounts> SqliteStore::roster_counts() {
    RosterCounts c;
    for (auto [q, out] : {std::pair{Q::CountPersons, &c.persons},
                          std::pair{Q::CountCredentials, &c.credentials}}) {
        StatementScope s(db_->stmt(q));
        auto row = s->step();
        if (!row) return row.error();
        *out = row.value() ? static_cast<uint64_t>(s->column_int64(0)) : 0;
    }
    return c;
}

// ---- writes -------------------------------------------------------------------------

core::Status SqliteStore::write_credentials(const core::RosterPage& page,
                                            const core::IdentityHasher& hasher, bool staged,
                                            RosterApplyStats& stats) {
    Statement& put = db_->stmt(staged ? Q::StageCredentialPut : Q::CredentialUpsert);
    std::string uid_key, ref, tagged;
    for (const auto& rc : page.credentials) {
        const core::Credential& c = rc.credential;
        if (is_card(c.kind)) {
            uid_key = hasher.uid_key(rc.uid);
            ref = hasher.tag(rc.uid);
        } else {
            uid_key.clear();
            tagged.assign(core::to_string(c.kind)).append(":").append(c.id);
            ref = hasher.tag(tagged);
        }
        if (ref.empty() || (is_card(c.kind) && (rc.uid.empty() || uid_key.empty())))
            return store_error(StoreErrc::HashFailed, "credential " + c.id);
        StatementScope s(put);
        s->bind(1, c.id).bind(2, c.person_id).bind(3, core::to_string(c.kind));
        s->bind(4, core::to_string(c.status)).bind_text_or_null(5, uid_key).bind(6, ref);
        s->bind(7, c.photo_url);
        if (auto st = s->run(); !st) return st;
        ++stats.credentials;
    }
    return core::Ok{};
}

core::Status SqliteStore::write_page(const core::RosterPage& page,
                                     const core::IdentityHasher& hasher, bool staged,
                                     RosterApplyStats& stats) {
    // `deleted` first: a record that is both deleted and listed ends up present, which is
    // what a server listing it as current means.
    for (auto [ids, q, count] :
         {std::tuple{&page.deleted_persons, staged ? Q::StagePersonDelete : Q::PersonDelete,
                     &stats.deleted_persons},
          std::tuple{&page.deleted_credentials,
                     staged ? Q::StageCredentialDelete : Q::CredentialDelete,
                     &stats.deleted_credentials}}) {
        for (const auto& id : *ids) {
            StatementScope s(db_->stmt(q));
            s->bind(1, id);
            if (auto st = s->run(); !st) return st;
            *count += static_cast<size_t>(db_->changes());
        }
    }
    Statement& put = db_->stmt(staged ? Q::StagePersonPut : Q::PersonUpsert);
    for (const auto& p : page.persons) {
        StatementScope s(put);
        s->bind(1, p.id).bind(2, core::to_string(p.role)).bind(3, core::to_string(p.status));
        s->bind(4, join_list(p.groups)).bind(5, int64_t{p.valid_from});
        s->bind(6, int64_t{p.valid_to}).bind(7, p.display);
        if (auto st = s->run(); !st) return st;
        ++stats.persons;
    }
    return write_credentials(page, hasher, staged, stats);
}

// The staging tables are shared by every connection to the file. meta("stage_owner")
// names the instance whose snapshot they hold, so a snapshot started elsewhere meanwhile
// (`campusgw roster import` while the daemon syncs) is noticed, never swapped in mixed.
core::Status SqliteStore::claim_stage() {
    std::random_device rd;
    char token[32];
    std::snprintf(token, sizeof token, "%08x%08x", rd(), rd());
    stage_token_ = token;
    if (auto st = db_->exec(script::kClearStage, "clear staged snapshot"); !st) return st;
    return put_meta(kStageOwnerKey, stage_token_);
}

core::Result<bool> SqliteStore::stage_is_ours() {
    auto owner = get_meta(kStageOwnerKey);
    if (!owner) return owner.error();
    return owner.value().has_value() && *owner.value() == stage_token_;
}

core::Status SqliteStore::check_stage_owner() {
    auto ours = stage_is_ours();
    if (!ours) return ours.error();
    if (!ours.value())
        return store_error(StoreErrc::SnapshotInterrupted, "staged snapshot taken over");
    return core::Ok{};
}

core::Status SqliteStore::discard_stage() {
    WriteTransaction tx(*db_);
    if (auto st = tx.begin(); !st) return st;
    auto ours = stage_is_ours();
    if (!ours) return ours.error();
    if (ours.value()) {
        if (auto st = db_->exec(script::kClearStage, "clear staged snapshot"); !st) return st;
        if (auto st = put_meta(kStageOwnerKey, ""); !st) return st;
    }
    return tx.commit();
}

core::Status SqliteStore::write_roster_page(const core::RosterPage& page,
                                            const core::IdentityHasher& hasher,
                                            core::SysTime now, bool staged,
                                            RosterApplyStats& stats) {
    const bool completes = !page.more;
    core::Status st = page.full ? claim_stage()
                                : (staged ? check_stage_owner() : core::Status(core::Ok{}));
    if (st) st = write_page(page, hasher, staged, stats);
    if (st && staged && completes) {
        st = db_->exec(swap_script_.c_str(), "swap snapshot");
        if (st) st = put_meta(kStageOwnerKey, "");
    }
    if (st && (!staged || completes)) {
        const auto ms =
            std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch());
        st = put_meta(kCursorKey, page.cursor);
        if (st) st = put_meta(kUpdatedKey, static_cast<int64_t>(ms.count()));
    }
    return st;
}

core::Result<RosterApplyStats> SqliteStore::apply_roster_page(const core::RosterPage& page,
                                                              const core::IdentityHasher& hasher,
                                                              core::SysTime now) {
    if (batch_open_) return store_error(StoreErrc::BatchOpen, "apply roster page");
    if (page.full) snapshot_ = Snapshot::Staging;
    if (snapshot_ == Snapshot::Interrupted)
        return store_error(StoreErrc::SnapshotInterrupted, "apply roster page");
    const bool staged = snapshot_ == Snapshot::Staging;

    RosterApplyStats stats;
    stats.staged = staged && page.more;
    stats.snapshot_applied = staged && !page.more;
    WriteTransaction tx(*db_);
    core::Status st = tx.begin();
    if (st) st = write_roster_page(page, hasher, now, staged, stats);
    if (st) st = tx.commit();
    if (!st) {
        if (staged) {
            // Never half-apply a snapshot: what was staged is dropped, and pages that would
            // continue it are refused until the sync starts a new one.
            snapshot_ = Snapshot::Interrupted;
            tx.rollback();
            (void)discard_stage();
        }
        note_error(st.error());
        return st.error();
    }
    if (staged && !page.more) snapshot_ = Snapshot::None;
    return stats;
}

core::Status SqliteStore::build_swap_script() {
    // Read from the schema itself, so a later migration's indexes are rebuilt too.
    auto q = db_->prepare(script::kRosterIndexes, "list roster indexes");
    if (!q) return q.error();
    std::string drops, creates;
    for (;;) {
        auto row = q->step();
        if (!row) return row.error();
        if (!row.value()) break;
        drops += "DROP INDEX \"" + q->column_text(0) + "\";";
        creates += q->column_text(1) + ";";
    }
    swap_script_ = drops + script::kSwapSnapshot + creates;
    return core::Ok{};
}

core::Status SqliteStore::abort_snapshot() {
    if (batch_open_) return store_error(StoreErrc::BatchOpen, "abort snapshot");
    const bool staging = snapshot_ == Snapshot::Staging;
    snapshot_ = Snapshot::None;
    return staging ? discard_stage() : core::Status(core::Ok{});
}

bool SqliteStore::snapshot_in_progress() const { return snapshot_ == Snapshot::Staging; }

}  // namespace gw::adp::store
