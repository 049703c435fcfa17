#pragma once
// Port: the durable outbox (mqtt-v1 §5) and the batch transaction around decisions.
// Used only from the core loop thread.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "clock.hpp"
#include "result.hpp"

namespace gw::core {

struct OutboxEntry {
    uint64_t seq = 0;
    std::string topic;    // full topic
    std::string payload;  // JSON
    int64_t created_ms = 0;  // unix ms when written
};

struct OutboxStats {
    uint64_t depth = 0;
    std::optional<int64_t> oldest_created_ms;
    uint64_t dropped = 0;  // events dropped because the bound was reached (lifetime)
    /// Events held only in memory because the store cannot write (disk full, read-only,
    /// I/O errors): decisions go on, and these are written as soon as a commit succeeds.
    uint64_t in_memory = 0;
    std::string store_error;  // why the store cannot write; empty while it can
};

/// Groups the writes of several decisions into one durable commit ("group commit").
class UnitOfWork {
public:
    virtual ~UnitOfWork() = default;
    virtual Status begin() = 0;
    /// Makes everything since begin() durable. Only after it returns ok may the
    /// decisions of the batch be acted on (door opened, reader answered).
    virtual Status commit() = 0;
    virtual void rollback() = 0;
};

class Outbox {
public:
    virtual ~Outbox() = default;
    /// The seq the next append must use: gap-free across restarts.
    virtual uint64_t next_seq() = 0;
    /// Appends inside the current batch; enforces the size bound (drops oldest, counts).
    virtual Status append(const OutboxEntry& e) = 0;
    /// Up to `limit` entries with seq > after, in seq order.
    virtual std::vector<OutboxEntry> pending(uint64_t after, size_t limit) = 0;
    /// Removes acknowledged entries (may be called outside a batch).
    virtual Status remove(const std::vector<uint64_t>& seqs) = 0;
    virtual OutboxStats stats() = 0;
    /// The newest `created_ms` ever appended (kept across restarts, 0 before the first):
    /// the floor for new time stamps when the wall clock steps back.
    virtual int64_t newest_created_ms() = 0;
    /// Seqs up to `used` were handed out by an earlier run and published without ever
    /// being written here (its disk had failed). Entries with seq >= `first` (appended by
    /// this run and not published yet) move to follow `used`, payloads included, and later
    /// appends continue after them. Nothing happens when used < first. Once per run,
    /// outside a batch.
    virtual Status continue_after(uint64_t used, uint64_t first) = 0;
    /// The highest seq held only in memory because the store cannot write (0: none). Such
    /// events may be published, but only after the seq was announced (app SeqGuard).
    virtual uint64_t highest_unwritten_seq() = 0;
};

}  // namespace gw::core
