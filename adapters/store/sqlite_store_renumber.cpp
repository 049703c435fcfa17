// SqliteStore: moving this run's events past seqs an earlier run published from memory.
//
// A run whose disk failed kept deciding and published its events from memory (see
// sqlite_store_spill.cpp); if it then died, the database still ends at the last seq it
// wrote. The app learns the highest seq that run announced (the gateway's retained `info`)
// and calls continue_after() before it publishes anything: entries appended since the
// start move up, payloads rewritten, so no seq is ever published for two events.
#include <algorithm>

#include "database.hpp"
#include "gateway/core/event_seq.hpp"
#include "gateway/core/log.hpp"
#include "queries.hpp"
#include "sqlite_store.hpp"
#include "store_error.hpp"

namespace gw::adp::store {
namespace {

constexpr std::string_view kChan = "adp.store";
constexpr int64_t kChunk = 512;

}  // namespace

core::Status SqliteStore::move_rows(uint64_t first, uint64_t shift) {
    // Top down, so a row never lands on one that has not moved yet.
    uint64_t below = outbox_.next_seq;  // rows are < next_seq
    for (;;) {
        std::vector<std::pair<uint64_t, std::string>> rows;
        {
            StatementScope q(db_->stmt(Q::OutboxTopDown));
            q->bind(1, static_cast<int64_t>(first)).bind(2, static_cast<int64_t>(below - 1));
            q->bind(3, kChunk);
            for (;;) {
                auto row = q->step();
                if (!row) return row.error();
                if (!row.value()) break;
                rows.emplace_back(static_cast<uint64_t>(q->column_int64(0)), q->column_text(1));
            }
        }
        if (rows.empty()) return core::Ok{};
        for (const auto& [seq, payload] : rows) {
            StatementScope m(db_->stmt(Q::OutboxMove));
            m->bind(1, static_cast<int64_t>(seq + shift))
                .bind(2, core::with_seq(payload, seq, seq + shift))
                .bind(3, static_cast<int64_t>(seq));
            if (auto st = m->run(); !st) return st;
        }
        below = rows.back().first;
        if (below <= first) return core::Ok{};
    }
}

core::Result<bool> SqliteStore::has_rows_from(uint64_t first) {
    StatementScope q(db_->stmt(Q::OutboxTopDown));
    q->bind(1, static_cast<int64_t>(first)).bind(2, INT64_MAX).bind(3, int64_t{1});
    return q->step();
}

core::Status SqliteStore::move_past(uint64_t first, uint64_t shift) {
    auto rows = has_rows_from(first);
    if (!rows) return rows.error();
    WriteTransaction tx(*db_);
    core::Status st = tx.begin();
    if (st && rows.value()) st = move_rows(first, shift);
    if (st) st = write_outbox_meta();
    if (st) st = tx.commit();
    // A disk that cannot be written holds none of this run's events when it has no rows
    // from `first` (they are in memory): the new last seq goes with the next good commit.
    if (!st && !rows.value() && is_storage_failure(st.error())) return core::Ok{};
    return st;
}

core::Status SqliteStore::continue_after(uint64_t used, uint64_t first) {
    if (used < first) return core::Ok{};
    if (batch_open_) return store_error(StoreErrc::SeqMismatch, "continue_after inside a batch");
    const uint64_t shift = used + 1 - first;
    const OutboxState saved = outbox_;
    outbox_.next_seq += shift;
    outbox_.meta_dirty = true;
    if (auto st = move_past(first, shift); !st) {
        outbox_ = saved;
        note_error(st.error());
        return st;
    }
    for (auto& e : spill_) {
        if (e.seq < first) continue;
        e.payload = core::with_seq(e.payload, e.seq, e.seq + shift);
        e.seq += shift;
    }
    recent_.clear();
    GW_LOG(Warning, kChan, core::LogLine("seqs moved past ones an earlier run published from "
                                         "memory")
                               .kv("published_up_to", static_cast<long long>(used))
                               .kv("moved_from", static_cast<long long>(first))
                               .kv("next_seq", static_cast<long long>(outbox_.next_seq)));
    return core::Ok{};
}

}  // namespace gw::adp::store
