#pragma once
// RevocationStage: the paging rule of eid-sync-v1 §5 (`full` and `more` mean what they mean
// in §2), kept apart from I/O so it can be unit-tested and fuzzed.
//
// Pages are fed in the order received. A page outside a snapshot (`full: false`, none in
// progress) is returned at once, to be applied with its own cursor. A `full` page starts a
// snapshot: it and the pages after it are merged here (revoked cids added, restored ones
// removed) and nothing is returned until the page with `more: false`; then one page is
// returned, `full: true, more: false`, with every cid revoked by the snapshot and the last
// page's cursor, for the store to swap in in one transaction. A `full` page while a
// snapshot is in progress starts it again. A snapshot interrupted (the caller stops feeding
// and calls reset(), or simply drops the stage) is never applied, so the revoked set in use
// stays whole. `rejected` counts stay with the pages fed (the merged page
// says 0). At most `max_cids` cids are staged; one more is an error.
//
// Pure; not thread-safe (one sync thread).
#include <cstddef>
#include <optional>
#include <set>
#include <string>

#include "gateway/core/result.hpp"
#include "gateway/core/revocation_page.hpp"

namespace gw::adp::eid {

class RevocationStage {
public:
    explicit RevocationStage(size_t max_cids = 2'000'000) : max_cids_(max_cids) {}

    /// The page to apply now (nullopt: staged, ask for the next page with page.cursor).
    core::Result<std::optional<core::RevocationPage>> feed(core::RevocationPage page);
    /// Drops a snapshot in progress.
    void reset();
    bool staging() const { return staging_; }
    size_t staged_cids() const { return revoked_.size(); }

private:
    size_t max_cids_;
    bool staging_ = false;
    std::set<std::string> revoked_;
};

}  // namespace gw::adp::eid
