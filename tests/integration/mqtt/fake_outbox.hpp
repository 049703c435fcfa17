#pragma once
// FakeOutbox: an in-memory core::Outbox, a test double for the SQLite store (the broker
// in these tests is real). Used from the test thread only, like the real one from the
// core loop. `before_remove` lets a test check each remove() call.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "gateway/core/outbox.hpp"

namespace gw::test {

class FakeOutbox final : public core::Outbox {
public:
    uint64_t next_seq() override { return next_; }

    core::Status append(const core::OutboxEntry& e) override {
        entries_[e.seq] = e;
        next_ = e.seq + 1;
        return core::Ok{};
    }

    std::vector<core::OutboxEntry> pending(uint64_t after, size_t limit) override {
        ++pending_calls;
        std::vector<core::OutboxEntry> out;
        for (auto it = entries_.upper_bound(after); it != entries_.end() && out.size() < limit;
             ++it) {
            out.push_back(it->second);
        }
        return out;
    }

    core::Status remove(const std::vector<uint64_t>& seqs) override {
        ++remove_calls;
        if (fail_remove) return core::make_error(std::errc::io_error, "fake outbox remove");
        if (before_remove) before_remove(seqs);
        for (auto s : seqs) {
            if (entries_.erase(s) == 1) removed.push_back(s);
        }
        return core::Ok{};
    }

    int64_t newest_created_ms() override { return 0; }
    core::Status continue_after(uint64_t used, uint64_t first) override {
        if (used < first) return core::Ok{};
        const uint64_t shift = used + 1 - first;
        std::map<uint64_t, core::OutboxEntry> moved;
        for (auto& [seq, e] : entries_) {
            if (seq >= first) e.seq += shift;
            moved.emplace(e.seq, e);
        }
        entries_ = std::move(moved);
        next_ += shift;
        return core::Ok{};
    }
    uint64_t highest_unwritten_seq() override { return 0; }
    core::OutboxStats stats() override {
        core::OutboxStats s;
        s.depth = entries_.size();
        if (!entries_.empty()) s.oldest_created_ms = entries_.begin()->second.created_ms;
        return s;
    }

    /// Appends `n` events; entry seq N has payload {"seq":N} and one of three topics.
    void add(size_t n, const std::string& base = "campus/v1/test/gw1") {
        static const char* kPoints[] = {"access/dorm/dorm3-gate-a", "access/canteen/c1-till-2",
                                        "eid/shown"};
        for (size_t i = 0; i < n; ++i) {
            const uint64_t seq = next_seq();
            (void)append(
                {seq, base + "/" + kPoints[seq % 3], "{\"seq\":" + std::to_string(seq) + "}", 0});
        }
    }

    size_t depth() const { return entries_.size(); }

    std::vector<uint64_t> removed;
    size_t remove_calls = 0;
    size_t pending_calls = 0;
    bool fail_remove = false;
    std::function<void(const std::vector<uint64_t>&)> before_remove;

private:
    std::map<uint64_t, core::OutboxEntry> entries_;
    uint64_t next_ = 1;
};

/// The seq in a payload written by FakeOutbox::add (0 if none).
inline uint64_t seq_of(const std::string& payload) {
    const auto pos = payload.find("\"seq\":");
    if (pos == std::string::npos) return 0;
    return std::stoull(payload.substr(pos + 6));
}

}  // namespace gw::test
