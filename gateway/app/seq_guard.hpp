#pragma once
// SeqGuard: a restarted gateway never publishes a seq an earlier run already published
// (mqtt-v1 §5: per gateway, strictly increasing by one, across restarts).
//
// Normally every event is on disk before it is published, so the store's last seq is the
// last one published. Not after the disk failed: that run published events from memory,
// and if it died before the disk took them, the database ends earlier. So:
//  - a run announces, in its retained `{base}/info` (`outbox.last_seq`), every seq before
//    it publishes one that exists only in memory (CoreLoop::announce_unwritten);
//  - at start, before publishing anything, it reads that message back. The client
//    subscribes to `{base}/info`; renewed subscriptions go out before anything the loop
//    publishes after a connect, and the broker handles one connection's packets in order,
//    so once the PUBACK of the loop's first QoS 1 publish (`status`, the probe) arrives,
//    the retained `info` has been delivered too (saw());
//  - then the loop asks the outbox to continue after the highest seq seen, moving the
//    events this run appended meanwhile (core::Outbox::continue_after), and only then
//    publishes `info` and events.
// Used only from the core loop thread. See docs/reliability.md.
#include <cstdint>
#include <optional>
#include <string_view>

namespace gw::app {

class SeqGuard {
public:
    /// `first_of_run`: the outbox's next seq when this run started.
    explicit SeqGuard(uint64_t first_of_run) : first_(first_of_run) {}

    /// True once the probe was answered: events may be published.
    bool settled() const { return settled_; }
    /// The `outbox.last_seq` of an `{base}/info` message (any run's, ours included).
    void saw(uint64_t last_seq) { seen_ = last_seq > seen_ ? last_seq : seen_; }
    /// The probe was accepted by the client with this publish id.
    void probing(int id) { probe_ = id; }
    /// The connection dropped: an answer to the probe could now come before the renewed
    /// subscription's retained message, so the next connection sends a new probe.
    void disconnected() { probe_.reset(); }
    /// A PUBACK; true if it answers the probe (the guard is settled from now on).
    bool acked(int id);

    uint64_t first_of_run() const { return first_; }
    /// The highest `last_seq` seen (0: none).
    uint64_t seen() const { return seen_; }

    /// `outbox.last_seq` of an info payload; nullopt if absent or not JSON.
    static std::optional<uint64_t> last_seq_of(std::string_view info_payload);

private:
    uint64_t first_;
    uint64_t seen_ = 0;
    std::optional<int> probe_;
    bool settled_ = false;
};

}  // namespace gw::app
