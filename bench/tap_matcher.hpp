#pragma once
// Pairs each event coming out of the system under test with the tap that caused it.
// Every reader topic feeds one point, and events of one point come out in the order its taps
// went in, so a FIFO of send times per key (the last topic segment: "r03") is enough.
// Thread-safe: sent() runs on the publishing thread, on_event() on the subscriber's thread.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>

#include "latency_stats.hpp"

namespace gw::bench {

class TapMatcher {
public:
    using Clock = std::chrono::steady_clock;

    /// Forgets samples and counters; pending taps of an earlier phase stay matched (so late
    /// events of that phase are not mistaken for new ones) but are not measured.
    void start_phase();
    void sent(const std::string& key, Clock::time_point at);
    /// `decision_us` < 0 when the event carries none (forwarder).
    void on_event(const std::string& key, Clock::time_point at, int64_t decision_us);

    /// Waits until `count` events of this phase arrived or `until` passed; returns the count.
    uint64_t wait_for(uint64_t count, Clock::time_point until);

    struct Snapshot {
        uint64_t sent = 0;
        uint64_t received = 0;
        uint64_t unmatched = 0;
        Clock::time_point first_sent{};
        Clock::time_point last_received{};
        LatencyStats end_to_end_us;
        LatencyStats decision_us;
    };
    Snapshot snapshot() const;

private:
    struct Pending {
        Clock::time_point at;
        uint64_t phase;
    };

    mutable std::mutex mu_;
    std::condition_variable cv_;
    std::map<std::string, std::deque<Pending>> pending_;
    uint64_t phase_ = 0;
    Snapshot now_;
};

}  // namespace gw::bench
