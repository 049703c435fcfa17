#pragma once
// Port: what the e-ID sync (eid-sync-v1) writes, and the little it reads back (cursors,
// the stored trust list). Implemented by the app over the SQLite store and the keyed
// hasher, on a database connection of its own.
//
// Thread-safety: none; one sync thread uses an instance. Blocking: every call does
// synchronous disk I/O. Errors are values; a failed call changes nothing.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "clock.hpp"
#include "result.hpp"
#include "revocation_page.hpp"
#include "roster_page.hpp"
#include "session.hpp"
#include "trust_list.hpp"

namespace gw::core {

/// What applying one roster page did.
struct PageApplied {
    size_t persons = 0;
    size_t credentials = 0;
    size_t deleted = 0;
    bool staged = false;            // part of a snapshot still being received
    bool snapshot_applied = false;  // completed a snapshot, now in use
};

class SyncStore {
public:
    virtual ~SyncStore() = default;

    /// The cursor of the roster in use ("" before the first sync).
    virtual std::string roster_cursor() = 0;
    /// Applies one page (§2): a `full` page starts a staged snapshot, swapped in atomically
    /// with its `more: false` page; other pages are deltas. Stores the cursor and the
    /// update time `now` with every delta page and with a snapshot's last page.
    virtual Result<PageApplied> apply_roster_page(const RosterPage& page, SysTime now) = 0;
    /// Discards a staged snapshot; the roster in use is unchanged.
    virtual Status abort_snapshot() = 0;

    /// Replaces the stored timetable (§3).
    virtual Status replace_timetable(const std::vector<Session>& sessions) = 0;

    /// The trust list last stored (§4), if any.
    virtual std::optional<SignedTrustList> trust_list() = 0;
    virtual Status store_trust_list(const SignedTrustList& list) = 0;

    /// Revocations (§5): the cursor held ("" before the first sync) and one page applied.
    /// A `full` page replaces the revoked set, in one transaction: the client stages a
    /// snapshot spanning pages and hands it over as one `full` page once its last page
    /// arrived (adapters/eid RevocationStage).
    virtual std::string revocations_cursor() = 0;
    virtual Status apply_revocations(const RevocationPage& page) = 0;
    /// How many cids are revoked now (for info; 0 when unreadable).
    virtual uint64_t revoked_count() = 0;
};

}  // namespace gw::core
