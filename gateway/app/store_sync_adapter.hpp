#pragma once
// StoreSyncAdapter: core::SyncStore over the SQLite store and the keyed hasher — what the
// e-ID sync thread writes through. It owns its own SqliteStore (its own connection to the
// gateway's database file), never the core loop's: see docs/adr/0004-eid-sync.md.
// Thread-safety: none (the sync thread only).
#include <memory>

#include "adapters/store/sqlite_store.hpp"
#include "gateway/core/identity_hasher.hpp"
#include "gateway/core/sync_store.hpp"

namespace gw::app {

class StoreSyncAdapter final : public core::SyncStore {
public:
    StoreSyncAdapter(std::unique_ptr<adp::store::SqliteStore> store,
                     std::unique_ptr<core::IdentityHasher> hasher)
        : store_(std::move(store)), hasher_(std::move(hasher)) {}

    std::string roster_cursor() override { return store_->roster_cursor(); }
    core::Result<core::PageApplied> apply_roster_page(const core::RosterPage& page,
                                                      core::SysTime now) override;
    core::Status abort_snapshot() override { return store_->abort_snapshot(); }
    core::Status replace_timetable(const std::vector<core::Session>& sessions) override {
        return store_->replace_timetable(sessions);
    }
    std::optional<core::SignedTrustList> trust_list() override {
        return store_->stored_trust_list();
    }
    core::Status store_trust_list(const core::SignedTrustList& list) override {
        return store_->store_trust_list(list);
    }
    std::string revocations_cursor() override { return store_->revocations_cursor(); }
    core::Status apply_revocations(const core::RevocationPage& page) override {
        return store_->apply_revocations(page);
    }
    uint64_t revoked_count() override { return store_->revoked_count(); }

private:
    std::unique_ptr<adp::store::SqliteStore> store_;
    std::unique_ptr<core::IdentityHasher> hasher_;
};

}  // namespace gw::app
