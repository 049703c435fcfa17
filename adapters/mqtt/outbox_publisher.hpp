#pragma once
// OutboxPublisher: moves events from the durable outbox to the broker (mqtt-v1 §5):
// at least once, in seq order per gateway, each removed from the outbox only after its
// PUBACK. See docs/adr/0002-mqtt-delivery.md.
//
// Threads: none of its own. Every method must be called from ONE thread, the gateway's
// core loop, which also owns the Outbox. The MQTT client's callbacks (network thread)
// only post on_ack / on_connected / on_disconnected to that loop.
//
// Typical loop turn: run posted events (on_ack...), then flush_acks(), then pump().
//
// Policy: at most `window` messages are unacknowledged at a time. Entries are published
// in seq order, each exactly once per process unless reset() is called: when the
// connection drops, libmosquitto keeps the unacknowledged ones and re-sends them (same
// message id, DUP set) right after the next CONNACK, before anything published after
// that (verified by the mqtt_test "libmosquitto_resends_in_flight..." case), so the
// mid -> seq map is kept across reconnects. A fresh process starts from the lowest seq
// in the outbox.
//
// Ownership: keeps references to the outbox and the sender, which must outlive it.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <system_error>
#include <unordered_map>
#include <vector>

#include "adapters/mqtt/outbox_sender.hpp"
#include "gateway/core/outbox.hpp"

namespace gw::adp::mqtt {

struct OutboxPublisherStats {
    uint64_t published = 0;       // publish_qos1 calls accepted
    uint64_t acked = 0;           // entries removed from the outbox (PUBACK or rejected)
    uint64_t publish_errors = 0;  // publish_qos1 refusals (NotConnected included)
    uint64_t remove_errors = 0;   // outbox.remove failures (retried on the next flush)
    uint64_t rejected = 0;        // entries the client can never publish (bad topic...),
                                  // removed so they do not block the outbox forever
};

class OutboxPublisher {
public:
    using LogFn = std::function<void(int level, std::string line)>;

    /// `window`: maximum unacknowledged messages (clamped to 1..65535; use the client's
    /// max_inflight). `log` is optional (syslog levels, as MqttLogFn).
    OutboxPublisher(core::Outbox& outbox, OutboxSender& sender, size_t window, LogFn log = {});

    /// While the sender is connected and fewer than `window` messages are in flight,
    /// reads the next entries after the last one sent and publishes them in seq order.
    /// Stops at the first refused publish (retried on the next pump). Never blocks on
    /// the network; reads the outbox.
    void pump();

    /// A PUBACK arrived for `mid`. Unknown mids (QoS 0 traffic, acks from before a
    /// reset()) are ignored. Frees a window slot at once; the outbox entry is removed by
    /// the next flush_acks().
    void on_ack(int mid);

    /// Removes every acknowledged entry with one outbox.remove() call. On failure they are
    /// kept and tried again on the next call (they are never published again meanwhile).
    void flush_acks();

    /// The client (re)connected: pumps at once.
    void on_connected();
    /// The connection dropped: in-flight mids are kept (libmosquitto re-sends them).
    void on_disconnected();

    /// Forgets everything in flight and starts again from the lowest seq still in the
    /// outbox (duplicates follow). Call it when the sender was replaced by a new client
    /// object, whose libmosquitto has no memory of the old one's in-flight messages.
    void reset();

    size_t in_flight() const { return in_flight_.size(); }
    size_t window() const { return window_; }
    /// Acknowledged, not yet removed from the outbox.
    size_t acks_pending() const { return acked_.size(); }
    /// Highest seq handed to the sender (0: none yet).
    uint64_t last_sent_seq() const { return last_sent_seq_; }
    const OutboxPublisherStats& stats() const { return stats_; }

private:
    bool publish_entry(const core::OutboxEntry& e);
    void log(int level, std::string line) const;

    core::Outbox& outbox_;
    OutboxSender& sender_;
    size_t window_;
    LogFn log_;
    std::unordered_map<int, uint64_t> in_flight_;  // mid -> seq
    std::vector<uint64_t> acked_;
    uint64_t last_sent_seq_ = 0;
    std::error_code last_publish_error_;  // to log changes, not repeats
    OutboxPublisherStats stats_;
};

}  // namespace gw::adp::mqtt
