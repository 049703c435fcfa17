// SqliteStore: what happens when the state directory cannot be written (disk full, a
// read-only remount, I/O errors). Decisions must go on — a terminal still needs its answer —
// so a batch whose commit fails for such a reason is kept in memory instead of being lost:
// its events keep their seqs, stay in the outbox (pending() serves them, PUBACKs remove
// them) and are written by the first commit that succeeds. The durability promise of
// mqtt-v1 §5 is suspended meanwhile: stats().in_memory and store_error say so (info,
// metrics, and one log line when it starts and one when it ends). Counter updates of the
// failed batches (meal quotas, anti-passback) are not kept. See docs/reliability.md.
#include <algorithm>

#include "database.hpp"
#include "gateway/core/log.hpp"
#include "queries.hpp"
#include "sqlite_store.hpp"
#include "store_error.hpp"

namespace gw::adp::store {
namespace {

constexpr std::string_view kChan = "adp.store";
constexpr size_t kMaxInMemory = 20000;  // ~10 MB of events; beyond, the oldest are dropped

}  // namespace

core::Status SqliteStore::append_in_batch(const core::OutboxEntry& e) {
    if (!batch_usable() || batch_error_) {
        if (is_storage_failure(*batch_error_)) return keep_in_memory(e);
        return *batch_error_;
    }
    auto st = append_row(e);
    if (st) return st;
    note_error(st.error());
    if (is_storage_failure(st.error())) return keep_in_memory(e);
    return st;
}

core::Status SqliteStore::keep_in_memory(const core::OutboxEntry& e) {
    recent_.stage(e);
    ++outbox_.depth;
    ++outbox_.next_seq;
    outbox_.meta_dirty = true;
    return core::Ok{};
}

core::Status SqliteStore::spill_batch(const core::Error& why) {
    auto staged = recent_.take_staged();
    rollback();
    outbox_.next_seq += staged.size();
    outbox_.depth += staged.size();
    outbox_.meta_dirty = true;
    for (auto& e : staged) spill_.push_back(std::move(e));
    if (spill_.size() > kMaxInMemory) {
        const size_t n = spill_.size() - kMaxInMemory;
        spill_.erase(spill_.begin(), spill_.begin() + static_cast<std::ptrdiff_t>(n));
        outbox_.depth -= n;
        outbox_.dropped += n;
    }
    if (!write_error_)
        GW_LOG(Err, kChan, core::LogLine("state directory cannot be written; decisions go on, "
                                         "events are kept in memory until it can")
                               .kv("err", why.message()));
    write_error_ = why;
    return core::Ok{};
}

core::Status SqliteStore::write_spill() {
    if (spill_.empty()) return core::Ok{};
    Statement& ins = db_->stmt(Q::OutboxInsert);
    for (const auto& e : spill_) {
        StatementScope s(ins);
        s->bind(1, static_cast<int64_t>(e.seq)).bind(2, e.topic).bind(3, e.payload);
        s->bind(4, e.created_ms);
        if (auto st = s->run(); !st) return st;
    }
    return core::Ok{};
}

core::Status SqliteStore::remove_deferred() {
    if (deferred_removals_.empty()) return core::Ok{};
    uint64_t removed = 0;
    auto st = remove_rows(deferred_removals_, removed);
    if (st) outbox_.depth -= removed;
    return st;
}

void SqliteStore::spill_written() {
    if (!write_error_) return;
    GW_LOG(Notice, kChan, core::LogLine("state directory writable again; events in memory written")
                              .kv("events", static_cast<long long>(spill_.size())));
    spill_.clear();
    write_error_.reset();
}

void SqliteStore::remove_spilled(std::vector<uint64_t>& seqs, uint64_t& removed) {
    if (spill_.empty()) return;
    const uint64_t first = spill_.front().seq;
    const auto keep = std::partition(seqs.begin(), seqs.end(), [&](uint64_t s) { return s < first; });
    for (auto it = keep; it != seqs.end(); ++it) {
        const auto hit = std::find_if(spill_.begin(), spill_.end(),
                                      [&](const core::OutboxEntry& e) { return e.seq == *it; });
        if (hit == spill_.end()) continue;
        spill_.erase(hit);
        ++removed;
        if (batch_open_) ++spill_removed_in_batch_;  // survives a rollback of the batch
    }
    seqs.erase(keep, seqs.end());
}

void SqliteStore::add_spilled(uint64_t after, size_t limit,
                              std::vector<core::OutboxEntry>& out) const {
    const uint64_t floor = out.empty() ? after : std::max(after, out.back().seq);
    for (const auto& e : spill_) {
        if (out.size() >= limit) return;
        if (e.seq > floor) out.push_back(e);
    }
}

}  // namespace gw::adp::store
