// SqliteStore: the durable outbox (mqtt-v1 §5).
//
// Gap-free seq: the last seq handed out is kept in meta("outbox_last_seq") and written in
// the same transaction as the rows, so after a crash the next seq is exactly one past the
// last committed event, also when the outbox had been emptied by acknowledgements. The
// in-memory copy is restored when a batch rolls back.
#include <algorithm>
#include <charconv>
#include <string>

#include "database.hpp"
#include "gateway/core/log.hpp"
#include "queries.hpp"
#include "sqlite_store.hpp"
#include "store_error.hpp"

namespace gw::adp::store {
namespace {

constexpr std::string_view kChan = "adp.store";
constexpr std::string_view kLastSeqKey = "outbox_last_seq";
constexpr std::string_view kDroppedKey = "outbox_dropped";
constexpr std::string_view kNewestKey = "outbox_newest_ms";

uint64_t to_u64(const std::optional<std::string>& s) {
    uint64_t v = 0;
    if (s) std::from_chars(s->data(), s->data() + s->size(), v);
    return v;
}

core::Result<uint64_t> query_u64(Database& db, Q q) {
    StatementScope s(db.stmt(q));
    auto row = s->step();
    if (!row) return row.error();
    return row.value() ? static_cast<uint64_t>(s->column_int64(0)) : uint64_t{0};
}

}  // namespace

core::Status SqliteStore::load_outbox_state() {
    auto last = get_meta(kLastSeqKey);
    if (!last) return last.error();
    auto dropped = get_meta(kDroppedKey);
    if (!dropped) return dropped.error();
    auto newest = get_meta(kNewestKey);
    if (!newest) return newest.error();
    auto max_seq = query_u64(*db_, Q::OutboxMaxSeq);
    if (!max_seq) return max_seq.error();
    auto depth = query_u64(*db_, Q::OutboxCount);
    if (!depth) return depth.error();
    outbox_.next_seq = std::max(to_u64(last.value()), max_seq.value()) + 1;
    outbox_.depth = depth.value();
    outbox_.dropped = to_u64(dropped.value());
    outbox_.newest_ms = static_cast<int64_t>(to_u64(newest.value()));
    outbox_.meta_dirty = false;
    return core::Ok{};
}

core::Status SqliteStore::write_outbox_meta() {
    if (!outbox_.meta_dirty) return core::Ok{};
    if (auto st = put_meta(kLastSeqKey, static_cast<int64_t>(outbox_.next_seq - 1)); !st)
        return st;
    if (auto st = put_meta(kDroppedKey, static_cast<int64_t>(outbox_.dropped)); !st) return st;
    if (auto st = put_meta(kNewestKey, outbox_.newest_ms); !st) return st;
    outbox_.meta_dirty = false;
    return core::Ok{};
}

uint64_t SqliteStore::next_seq() { return outbox_.next_seq; }

core::Status SqliteStore::append_row(const core::OutboxEntry& e) {
    if (outbox_.depth >= max_events_) {
        StatementScope drop(db_->stmt(Q::OutboxDropOldest));
        drop->bind(1, static_cast<int64_t>(outbox_.depth + 1 - max_events_));
        if (auto st = drop->run(); !st) return st;
        const auto n = static_cast<uint64_t>(db_->changes());
        outbox_.depth -= n;
        outbox_.dropped += n;
        recent_.clear();
        if (!warned_full_) {
            GW_LOG(Warning, kChan, core::LogLine("outbox full; dropping oldest events")
                                       .kv("max_events", static_cast<long long>(max_events_)));
            warned_full_ = true;
        }
    } else if (outbox_.depth + 1 < max_events_) {
        warned_full_ = false;
    }
    StatementScope ins(db_->stmt(Q::OutboxInsert));
    ins->bind(1, static_cast<int64_t>(e.seq)).bind(2, e.topic).bind(3, e.payload);
    ins->bind(4, e.created_ms);
    if (auto st = ins->run(); !st) return st;
    recent_.stage(e);
    ++outbox_.depth;
    ++outbox_.next_seq;
    outbox_.newest_ms = std::max(outbox_.newest_ms, e.created_ms);
    outbox_.meta_dirty = true;
    return core::Ok{};
}

core::Status SqliteStore::append(const core::OutboxEntry& e) {
    if (e.seq != outbox_.next_seq)
        return store_error(StoreErrc::SeqMismatch,
                           "append seq=" + std::to_string(e.seq) +
                               " expected=" + std::to_string(outbox_.next_seq));
    if (batch_open_) return append_in_batch(e);
    const OutboxState saved = outbox_;
    WriteTransaction tx(*db_);
    core::Status st = tx.begin();
    if (st) st = append_row(e);
    if (st) st = write_outbox_meta();
    if (st) st = tx.commit();
    if (!st) {
        outbox_ = saved;
        recent_.discard();
        note_error(st.error());
        return st;
    }
    recent_.commit();
    return st;
}

std::vector<core::OutboxEntry> SqliteStore::pending(uint64_t after, size_t limit) {
    std::vector<core::OutboxEntry> out;
    if (limit == 0) return out;
    for (;;) {
        if (!recent_.serve(after, limit, out)) read_pending(after, limit, out);
        add_spilled(after, limit, out);
        if (!read_only_ || !skip_acked_on_read_only_disk(out, after)) return out;
    }
}

void SqliteStore::read_pending(uint64_t after, size_t limit, std::vector<core::OutboxEntry>& out) {
    StatementScope s(db_->stmt(Q::OutboxPending));
    s->bind(1, static_cast<int64_t>(after)).bind(2, static_cast<int64_t>(limit));
    for (;;) {
        auto row = s->step();
        if (!row) {
            note_error(row.error());
            break;
        }
        if (!row.value()) break;
        out.push_back(core::OutboxEntry{static_cast<uint64_t>(s->column_int64(0)),
                                        s->column_text(1), s->column_text(2),
                                        s->column_int64(3)});
    }
}

core::Status SqliteStore::remove_rows(const std::vector<uint64_t>& seqs, uint64_t& removed) {
    // Acknowledgements come in runs of consecutive seqs: one DELETE per run.
    std::vector<uint64_t> sorted(seqs);
    std::sort(sorted.begin(), sorted.end());
    removed = 0;
    Statement& del = db_->stmt(Q::OutboxDeleteRange);
    for (size_t i = 0; i < sorted.size();) {
        size_t j = i;
        while (j + 1 < sorted.size() && sorted[j + 1] <= sorted[j] + 1) ++j;
        StatementScope s(del);
        s->bind(1, static_cast<int64_t>(sorted[i])).bind(2, static_cast<int64_t>(sorted[j]));
        if (auto st = s->run(); !st) return st;
        removed += static_cast<uint64_t>(db_->changes());
        i = j + 1;
    }
    recent_.forget_through(sorted.back());
    return core::Ok{};
}

core::Status SqliteStore::remove(const std::vector<uint64_t>& acked) {
    if (acked.empty()) return core::Ok{};
    uint64_t removed = 0;
    std::vector<uint64_t> seqs(acked);
    remove_spilled(seqs, removed);  // acknowledged before they ever reached the disk
    outbox_.depth -= removed;
    removed = 0;
    if (seqs.empty()) return core::Ok{};
    if (read_only_) return forget_on_read_only_disk(seqs);
    if (batch_open_) {
        if (!batch_usable()) return *batch_error_;
        auto st = remove_rows(seqs, removed);
        if (!st) {
            note_error(st.error());
            return st;
        }
        outbox_.depth -= removed;
        removed_in_batch_.insert(removed_in_batch_.end(), seqs.begin(), seqs.end());
        return st;
    }
    WriteTransaction tx(*db_);
    core::Status st = tx.begin();
    if (st) st = remove_rows(seqs, removed);
    if (st) st = tx.commit();
    if (!st) {
        note_error(st.error());
        return st;
    }
    outbox_.depth -= removed;
    return st;
}

core::OutboxStats SqliteStore::stats() {
    core::OutboxStats s{outbox_.depth, std::nullopt, outbox_.dropped, spill_.size(),
                        write_error_ ? write_error_->message() : std::string()};
    if (outbox_.depth == 0) return s;
    StatementScope q(db_->stmt(Q::OutboxOldest));
    auto row = q->step();
    if (!row) note_error(row.error());
    else if (row.value()) s.oldest_created_ms = q->column_int64(0);
    if (!s.oldest_created_ms && !spill_.empty()) s.oldest_created_ms = spill_.front().created_ms;
    return s;
}

}  // namespace gw::adp::store
