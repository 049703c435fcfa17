// Keys are "cid/t"; a deque in creation order makes expiry and eviction O(1) amortized.
// A slot replaced after eviction leaves a stale deque entry, skipped by comparing times.
#include "replay_cache.hpp"

namespace gw::core::qr {

ReplayCache::ReplayCache(size_t capacity, int window, std::chrono::seconds skew)
    : capacity_(capacity == 0 ? 1 : capacity),
      ttl_(std::chrono::seconds((window < 0 ? 0 : window) * 2 * 30 + 30) + skew) {}

std::string ReplayCache::key_of(std::string_view cid, uint64_t t) {
    std::string k(cid);
    k += '/';
    k += std::to_string(t);
    return k;
}

void ReplayCache::expire(SysTime now) {
    while (!order_.empty()) {
        const auto& [key, created] = order_.front();
        const auto it = entries_.find(key);
        const bool live = it != entries_.end() && it->second.created == created;
        if (live && now - created < ttl_ && entries_.size() <= capacity_) break;
        if (live) entries_.erase(it);
        order_.pop_front();
    }
}

ReplayCache::Lookup ReplayCache::lookup(std::string_view cid, uint64_t t, std::string_view point,
                                        SysTime now) {
    expire(now);
    const auto it = entries_.find(key_of(cid, t));
    if (it == entries_.end()) return {};
    const ReplayEntry* same = nullptr;
    bool allowed_elsewhere = false;
    for (const auto& rec : it->second.records) {
        if (rec.point == point)
            same = &rec;
        else if (rec.verdict == Verdict::Allow)
            allowed_elsewhere = true;
    }
    if (same && now - same->first_seen <= kRepeatWindow)
        return {Hit::Repeat, same->verdict, same->reason};
    if (allowed_elsewhere || (same && same->verdict == Verdict::Allow))
        return {Hit::Replayed, Verdict::Deny, Reason::TokenReplayed};
    return {};
}

void ReplayCache::remember(std::string_view cid, uint64_t t, std::string_view point, SysTime now,
                           Verdict v, Reason r) {
    expire(now);
    std::string key = key_of(cid, t);
    auto it = entries_.find(key);
    if (it == entries_.end()) {
        it = entries_.emplace(key, Slot{now, {}}).first;
        order_.emplace_back(std::move(key), now);
        expire(now);  // enforce the capacity: evicts the oldest, never the new one
    }
    auto& records = it->second.records;
    for (auto& rec : records) {
        if (rec.point != point) continue;
        if (now - rec.first_seen > kRepeatWindow) rec = ReplayEntry{rec.point, now, v, r};
        return;
    }
    if (records.size() < kMaxPoints) records.push_back(ReplayEntry{std::string(point), now, v, r});
}

}  // namespace gw::core::qr
