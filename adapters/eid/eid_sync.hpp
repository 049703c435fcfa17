#pragma once
// EidSync: one pass of each part of the e-ID sync API (eid-sync-v1 §2–§5), fetched with
// HttpFetcher, decoded by the pure parsers of this folder and written through the
// core::SyncStore port.
//
// - roster(): the cursor protocol. Pages are requested with `since` = the cursor held and
//   applied one by one until `more: false`. A snapshot (`full`) is staged by the store and
//   swapped in with its last page; any failure half-way (network, status, malformed page,
//   store) aborts the staged snapshot, so decisions keep the previous roster. Delta pages
//   already applied stay applied (their cursor was stored with them). Malformed records
//   are counted (rejected()), not fatal.
// - timetable(): the coming `timetable_days` days (site time zone), replacing the stored one.
// - trust_list(): verifies Content-Signature over the exact body with the pinned root
//   BEFORE parsing; rejects a version lower than the one held; stores body + signature.
// - revocations(): the cursor protocol of §5. A snapshot (`full`) spanning pages is staged
//   in memory (RevocationStage) and handed to the store as one `full` page when its last
//   page arrived; a failure half-way drops it, so the revoked set in use stays whole.
//
// Thread-safety: none (the sync thread). Blocking: network and disk I/O.
#include <cstdint>
#include <optional>
#include <string>

#include "gateway/core/clock.hpp"
#include "gateway/core/result.hpp"
#include "gateway/core/sync_store.hpp"
#include "http_fetcher.hpp"
#include "revocation_stage.hpp"
#include "trust_root.hpp"

namespace gw::adp::eid {

struct EidSyncOptions {
    std::string site;
    size_t page_limit = 5000;
    int timetable_days = 14;
    size_t max_pages = 1'000'000;  // a server that never says `more: false` is cut off
};

class EidSync {
public:
    EidSync(HttpFetcher& http, core::SyncStore& store, const core::Clock& clock,
            const core::TimeZone& tz, std::optional<TrustRoot> root, EidSyncOptions options);

    core::Status roster();
    core::Status timetable();
    /// Without a trust root configured: does nothing and succeeds.
    core::Status trust_list();
    core::Status revocations();

    /// Verifies the stored trust list again (offline restart) and holds its version.
    void load_stored_trust_list();

    /// The cursors now held (read from the store).
    std::string roster_cursor() { return store_.roster_cursor(); }
    std::string revocations_cursor() { return store_.revocations_cursor(); }
    uint64_t revoked_count() { return store_.revoked_count(); }

    uint64_t rejected() const { return rejected_; }
    std::optional<int64_t> trust_list_version() const { return trust_version_; }
    bool has_trust_root() const { return root_.has_value(); }

private:
    core::Status abort_with(core::Error e);
    core::Result<bool> roster_page(const std::string& cursor, std::string& next, bool& staged,
                                   core::PageApplied& total);
    core::Result<bool> revocation_page(std::string& cursor, size_t& changes);

    HttpFetcher& http_;
    core::SyncStore& store_;
    const core::Clock& clock_;
    const core::TimeZone& tz_;
    std::optional<TrustRoot> root_;
    EidSyncOptions o_;
    uint64_t rejected_ = 0;
    std::optional<int64_t> trust_version_;
    RevocationStage revocation_stage_;
};

}  // namespace gw::adp::eid
