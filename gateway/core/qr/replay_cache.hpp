#pragma once
// ReplayCache: step 8 of eid-qr-v1 §4. Remembers, per (cid, t), the decisions already taken
// for a CEID1 presentation at the access points of this gateway.
//
// lookup():
//  - a record at the SAME point whose first record is at most 10 s old -> Repeat (the
//    caller repeats the earlier verdict/reason and flags the event "repeat");
//  - else an earlier ALLOWED record at another point, or at the same point after 10 s ->
//    Replayed (token_replayed);
//  - else (nothing, or only denied records) -> None: evaluate normally.
// Entries live (window*2+1)*30 s + skew from their first record; at most `capacity` (cid, t)
// keys are kept, the oldest evicted first. Memory is bounded by capacity x kMaxPoints.
// Not thread-safe: owned by the core loop.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "gateway/core/clock.hpp"
#include "gateway/core/decision.hpp"
#include "gateway/core/reason.hpp"

namespace gw::core::qr {

struct ReplayEntry {
    std::string point;   // access point id of this record
    SysTime first_seen;  // when this point first recorded the (cid, t)
    Verdict verdict = Verdict::Deny;
    Reason reason = Reason::Malformed;
};

class ReplayCache {
public:
    enum class Hit { None, Repeat, Replayed };
    struct Lookup {
        Hit hit = Hit::None;
        Verdict verdict = Verdict::Deny;
        Reason reason = Reason::Malformed;
    };

    static constexpr std::chrono::seconds kRepeatWindow{10};
    static constexpr size_t kMaxPoints = 8;  // records kept per (cid, t)

    explicit ReplayCache(size_t capacity = 4096, int window = 1,
                         std::chrono::seconds skew = std::chrono::seconds(60));

    Lookup lookup(std::string_view cid, uint64_t t, std::string_view point, SysTime now);
    /// Record the FINAL decision (after policy) of a token that passed steps 1-7. A record
    /// for the same point replaces the earlier one, unless that is still inside the repeat
    /// window (a re-scan is not a new record).
    void remember(std::string_view cid, uint64_t t, std::string_view point, SysTime now, Verdict v,
                  Reason r);

    size_t size() const { return entries_.size(); }
    std::chrono::seconds ttl() const { return ttl_; }

private:
    struct Slot {
        SysTime created;
        std::vector<ReplayEntry> records;
    };
    static std::string key_of(std::string_view cid, uint64_t t);
    void expire(SysTime now);

    size_t capacity_;
    std::chrono::seconds ttl_;
    std::unordered_map<std::string, Slot> entries_;
    std::deque<std::pair<std::string, SysTime>> order_;  // keys by creation, oldest first
};

}  // namespace gw::core::qr
