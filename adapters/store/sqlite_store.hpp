#pragma once
// SqliteStore: the gateway's one SQLite database (state_dir/campusgw.db). It implements the
// core ports RosterView, CounterStore, TimetableView, UnitOfWork and Outbox, and the
// writes the e-ID sync and the import commands need (roster pages, timetable).
//
// Durability: WAL journal; synchronous=FULL by default, so a committed batch survives
// power loss (NORMAL survives a process crash but may lose the last commits on power loss).
// Group commit: begin(), any number of decisions (lookups, counters, appends), commit().
// A statement that fails inside a batch makes commit() fail and roll everything back, so
// no decision of a damaged batch is acted on.
//
// Outbox (mqtt-v1 §5): seq is gap-free and never reused, across restarts and after the
// outbox was emptied (the last seq is kept in `meta`, written in the appending transaction).
// Beyond `max_events` the oldest rows are dropped and counted (stats().dropped).
//
// Roster (eid-sync-v1 §2): UIDs are stored only as hasher.uid_key(uid); ref is
// hasher.tag(uid) for card credentials and hasher.tag(kind + ":" + id) otherwise.
// A snapshot (first page `full`) is staged until its `more: false` page and then swapped
// in with one transaction; until then lookups see the previous roster.
//
// Thread-safety: none. One thread (the core loop) uses an instance; a second thread needs
// its own instance (its own connection) and must not use the Outbox part of it.
// Blocking: every call does synchronous disk I/O (commit waits for fsync); lookups are
// indexed and take microseconds once cached.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/counter_store.hpp"
#include "gateway/core/identity_hasher.hpp"
#include "gateway/core/outbox.hpp"
#include "gateway/core/result.hpp"
#include "gateway/core/revocation_page.hpp"
#include "gateway/core/revocation_view.hpp"
#include "gateway/core/roster_page.hpp"
#include "gateway/core/roster_view.hpp"
#include "gateway/core/session.hpp"
#include "gateway/core/timetable_view.hpp"
#include "gateway/core/trust_list.hpp"
#include "recent_outbox.hpp"

namespace gw::adp::store {

class Database;
enum class Q : size_t;

struct StoreOptions {
    std::string path;                               // the database file (created if missing)
    std::string synchronous = "full";               // "full" | "normal"
    uint64_t max_events = 1'000'000;                // outbox bound, >= 1
    std::chrono::milliseconds busy_timeout{5000};   // wait for another connection's lock
    int cache_kib = 4096;                           // SQLite page cache of this connection
};

/// What one apply_roster_page() did.
struct RosterApplyStats {
    size_t persons = 0;              // person records written (roster or staged snapshot)
    size_t credentials = 0;          // credential records written
    size_t deleted_persons = 0;      // rows removed by `deleted`
    size_t deleted_credentials = 0;
    bool staged = false;             // the page belongs to a snapshot still being received
    bool snapshot_applied = false;   // the page completed a snapshot, now in use
};

struct RosterCounts {
    uint64_t persons = 0;
    uint64_t credentials = 0;
};

class SqliteStore final : public core::RosterView,
                          public core::CounterStore,
                          public core::TimetableView,
                          public core::UnitOfWork,
                          public core::Outbox,
                          public core::RevocationView {
public:
    /// Opens or creates the database, sets WAL and the PRAGMAs, migrates the schema and
    /// prepares the statements. A snapshot half-staged before a restart is never continued
    /// (staging state lives in memory); the next `full` page clears it.
    /// Errors: StoreErrc (BadOption, SchemaTooNew, SQLite codes) with the path as context.
    ///
    /// Read-only state directory (read-only media, e.g. an SD card the kernel remounted
    /// read-only, or no write permission) with a database of the current schema: the store
    /// opens read-only (sqlite_store_read_only.cpp). Lookups work; nothing can be written,
    /// so from the start every batch keeps its events in memory as when the disk fails
    /// under a running gateway, and stats().store_error says so until the process ends.
    /// It does not turn writable by itself: a restart after the repair is needed.
    static core::Result<std::unique_ptr<SqliteStore>> open(const StoreOptions& options);
    /// True when opened on a state directory that could not be written.
    bool read_only() const { return read_only_; }
    ~SqliteStore() override;
    SqliteStore(const SqliteStore&) = delete;
    SqliteStore& operator=(const SqliteStore&) = delete;

    // --- core::RosterView. A lookup that fails in SQLite answers nullopt (and fails the
    // current batch); several matches for a uid_key/ref: an active credential wins.
    std::optional<core::Credential> find_by_uid_key(std::string_view uid_key) override;
    std::optional<core::Credential> find_credential(std::string_view id) override;
    std::optional<core::Credential> find_by_ref(std::string_view ref) override;
    std::optional<core::Credential> find_person_credential(std::string_view person_id,
                                                           core::CredentialKind kind) override;
    std::optional<core::Person> find_person(std::string_view id) override;
    std::optional<core::SysTime> roster_updated_at() override;
    std::string roster_cursor() override;

    // --- Roster writes (eid-sync-v1 §2). Not inside a batch (StoreErrc::BatchOpen).
    /// A page with `full` starts a snapshot (dropping any staged one); later pages without
    /// `full` continue it while one is staged; the page with `more: false` swaps it in
    /// atomically (every person and credential not in the snapshot is gone). Outside a
    /// snapshot a page is a delta: `deleted` first, then upserts by id. The cursor and
    /// roster_updated_at (= now) are stored with every delta page and with the final
    /// snapshot page. If a staged page fails, or another connection started a snapshot of
    /// its own meanwhile, the snapshot is discarded and continuation pages are refused
    /// (SnapshotInterrupted) until a new `full` page or abort_snapshot().
    core::Result<RosterApplyStats> apply_roster_page(const core::RosterPage& page,
                                                     const core::IdentityHasher& hasher,
                                                     core::SysTime now);
    /// Discards a staged snapshot (sync interrupted). The roster in use is unchanged.
    core::Status abort_snapshot();
    bool snapshot_in_progress() const;
    core::Result<RosterCounts> roster_counts();

    // --- core::CounterStore. Writes belong to the current batch. Meal counts older than
    // kMealRetentionDays before the newest day written are pruned once per day.
    static constexpr int32_t kMealRetentionDays = 7;
    int meal_count(std::string_view person, std::string_view zone, std::string_view window,
                   int32_t day) override;
    void add_meal(std::string_view person, std::string_view zone, std::string_view window,
                  int32_t day) override;
    std::optional<core::PassbackState> last_pass(std::string_view person,
                                                 std::string_view zone) override;
    void record_pass(std::string_view person, std::string_view zone,
                     const core::PassbackState& state) override;

    // --- core::TimetableView and its writer.
    std::vector<core::Session> sessions_at(std::string_view point, core::SysTime t,
                                           std::chrono::minutes open_before) override;
    /// Replaces the whole stored timetable in one transaction. Not inside a batch.
    core::Status replace_timetable(const std::vector<core::Session>& sessions);

    // --- e-ID trust data (eid-sync-v1 §4, §5). Not inside a batch.
    /// The signed trust list last stored (body and signature exactly as received).
    std::optional<core::SignedTrustList> stored_trust_list();
    core::Status store_trust_list(const core::SignedTrustList& list);
    /// Revocations: the cursor held ("" before the first sync), one page applied in one
    /// transaction (a `full` page clears the set first), and the lookup by cid.
    std::string revocations_cursor();
    core::Status apply_revocations(const core::RevocationPage& page);
    bool is_revoked(std::string_view cid) override;
    /// How many cids are revoked now (0 when unreadable).
    uint64_t revoked_count();

    // --- core::UnitOfWork (BEGIN IMMEDIATE ... COMMIT).
    core::Status begin() override;
    core::Status commit() override;
    void rollback() override;

    // --- core::Outbox. append() outside a batch commits by itself.
    uint64_t next_seq() override;
    core::Status append(const core::OutboxEntry& e) override;
    std::vector<core::OutboxEntry> pending(uint64_t after, size_t limit) override;
    core::Status remove(const std::vector<uint64_t>& seqs) override;
    core::OutboxStats stats() override;
    int64_t newest_created_ms() override { return outbox_.newest_ms; }
    core::Status continue_after(uint64_t used, uint64_t first) override;
    uint64_t highest_unwritten_seq() override { return spill_.empty() ? 0 : spill_.back().seq; }

private:
    struct OutboxState {
        uint64_t next_seq = 1;
        uint64_t depth = 0;
        uint64_t dropped = 0;
        int64_t newest_ms = 0;    // newest created_ms appended
        bool meta_dirty = false;  // last seq / dropped / newest changed since the last write
    };
    enum class Snapshot { None, Staging, Interrupted };

    SqliteStore(std::unique_ptr<Database> db, uint64_t max_events);
    static core::Result<std::unique_ptr<SqliteStore>> open_read_only(
        const StoreOptions& options, std::unique_ptr<Database> db);
    static core::Result<std::unique_ptr<SqliteStore>> finish_open(std::unique_ptr<Database> db,
                                                                  const StoreOptions& options);
    core::Status load_outbox_state();
    core::Status build_swap_script();
    core::Status write_outbox_meta();
    core::Status put_meta(std::string_view key, std::string_view value);
    core::Status put_meta(std::string_view key, int64_t value);
    core::Result<std::optional<std::string>> get_meta(std::string_view key);
    /// Records a failure: it fails the open batch (if any) and is logged.
    void note_error(const core::Error& e);
    /// False (and the batch marked failed) if a batch is open but SQLite ended it.
    bool batch_usable();
    core::Status append_row(const core::OutboxEntry& e);
    // sqlite_store_spill.cpp: events kept in memory while the disk cannot take them.
    core::Status append_in_batch(const core::OutboxEntry& e);
    core::Status keep_in_memory(const core::OutboxEntry& e);
    core::Status spill_batch(const core::Error& why);
    core::Status write_spill();
    core::Status remove_deferred();
    void spill_written();
    void remove_spilled(std::vector<uint64_t>& seqs, uint64_t& removed);
    void add_spilled(uint64_t after, size_t limit, std::vector<core::OutboxEntry>& out) const;
    core::Status remove_rows(const std::vector<uint64_t>& seqs, uint64_t& removed);
    // sqlite_store_renumber.cpp
    core::Result<bool> has_rows_from(uint64_t first);
    core::Status move_past(uint64_t first, uint64_t shift);
    core::Status move_rows(uint64_t first, uint64_t shift);
    core::Status forget_on_read_only_disk(const std::vector<uint64_t>& seqs);
    /// Drops from `out` what forget_on_read_only_disk() took; true (and `after` moved past
    /// them) when that left nothing of a non-empty page: read the next one.
    bool skip_acked_on_read_only_disk(std::vector<core::OutboxEntry>& out, uint64_t& after) const;
    void read_pending(uint64_t after, size_t limit, std::vector<core::OutboxEntry>& out);
    std::optional<core::Credential> find_credential_by(Q query, std::string_view key,
                                                       std::string_view key2 = {});
    core::Status write_page(const core::RosterPage& page, const core::IdentityHasher& hasher,
                            bool staged, RosterApplyStats& stats);
    core::Status write_roster_page(const core::RosterPage& page,
                                   const core::IdentityHasher& hasher, core::SysTime now,
                                   bool staged, RosterApplyStats& stats);
    core::Status claim_stage();
    core::Result<bool> stage_is_ours();
    core::Status check_stage_owner();
    core::Status discard_stage();
    core::Status run_cids(const char* sql, const std::vector<std::string>& cids);
    core::Status write_credentials(const core::RosterPage& page,
                                   const core::IdentityHasher& hasher, bool staged,
                                   RosterApplyStats& stats);

    std::unique_ptr<Database> db_;
    uint64_t max_events_;
    OutboxState outbox_;
    OutboxState outbox_at_begin_;
    bool warned_full_ = false;  // "outbox full" logged once per episode
    bool batch_open_ = false;
    std::optional<core::Error> batch_error_;
    Snapshot snapshot_ = Snapshot::None;
    std::string stage_token_;  // our claim on the staging tables (meta "stage_owner")
    std::string swap_script_;  // drop roster indexes, copy the snapshot, rebuild them
    int32_t meals_pruned_for_day_ = INT32_MIN;
    RecentOutbox recent_;  // newest committed events, so pending() rarely reads SQLite
    // Events whose commit failed for lack of disk (or a read-only / failing disk): the
    // newest seqs, contiguous, written by the first commit that succeeds again.
    std::vector<core::OutboxEntry> spill_;
    std::optional<core::Error> write_error_;  // set while commits fail for storage reasons
    bool read_only_ = false;                  // opened read-only: no write will succeed
    // Read-only: the last seq on disk at open, and the rows up to it acknowledged since
    // (they stay on the disk; a restart re-sends them).
    uint64_t read_only_last_seq_ = 0;
    std::set<uint64_t> acked_on_read_only_disk_;
    uint64_t spill_removed_in_batch_ = 0;     // acknowledged from spill_ in the open batch
    // Acknowledged events deleted in the open batch; if it rolls back they are deleted by
    // the next commit instead (the publisher does not ask twice), else a restart re-sends.
    std::vector<uint64_t> removed_in_batch_;
    std::vector<uint64_t> deferred_removals_;
};

}  // namespace gw::adp::store
