#pragma once
// RecentOutbox: the newest committed outbox entries, kept in memory so the publisher's
// pending() does not read back from SQLite what was written a moment ago. It is only a
// cache: SQLite stays the record, and anything the cache cannot answer exactly is read
// from the database.
//
// Invariant: when not empty, it holds a contiguous run of seqs ending with the last
// committed one. Entries staged in an open batch become visible only at commit().
#include <cstddef>
#include <cstdint>
#include <deque>
#include <utility>
#include <vector>

#include "gateway/core/outbox.hpp"

namespace gw::adp::store {

class RecentOutbox {
public:
    explicit RecentOutbox(size_t capacity = 1024) : capacity_(capacity) {}

    void stage(const core::OutboxEntry& e) { staged_.push_back(e); }
    /// The batch committed: staged entries join the cache (a gap empties it first).
    void commit();
    /// The batch rolled back.
    void discard() { staged_.clear(); }
    /// The batch could not be written: hands its entries over (for keeping in memory).
    std::vector<core::OutboxEntry> take_staged() { return std::exchange(staged_, {}); }
    /// Entries up to `seq` were acknowledged and deleted: never serve them again.
    void forget_through(uint64_t seq);
    /// Rows were deleted behind the cache's back (outbox full): start over.
    void clear();

    /// Fills `out` with up to `limit` entries after `after` and returns true when the
    /// cache can answer exactly; false: read the database.
    bool serve(uint64_t after, size_t limit, std::vector<core::OutboxEntry>& out) const;

private:
    size_t capacity_;
    std::vector<core::OutboxEntry> staged_;
    std::deque<core::OutboxEntry> recent_;
};

}  // namespace gw::adp::store
