#pragma once
// MqttClient: the gateway's one connection to the MQTT broker (libmosquitto, MQTT 3.1.1).
//
// Implements core::MessageBus (subscribe, fire-and-forget publish) and OutboxSender
// (QoS 1 publishes whose PUBACKs the OutboxPublisher maps back to outbox seqs).
//
// Threads: the client runs ONE network thread of its own, started by start() and joined
// by stop(). It connects, reads, writes, keeps alive and reconnects with capped exponential
// backoff and jitter (see docs/adr/0002-mqtt-delivery.md for why this is not
// mosquitto_loop_start()). Only that thread calls libmosquitto: publish() and subscribe()
// from any other thread queue a request and wake it (an eventfd), and each loop turn hands
// every queued request to libmosquitto with the socket corked, so a burst of events,
// reader answers and PUBACKs leaves in a few TCP segments (docs/adr/0002). All public
// methods are thread-safe. Every callback in MqttCallbacks runs on the network thread
// (on_log: on whichever thread logs) and must only hand the event over (post it to the
// core loop); it may call publish()/publish_qos1()/subscribe() but must not call stop() or
// block. Exceptions thrown by a callback are caught and logged; none crosses into
// libmosquitto.
//
// Ordering guarantee: connected() turns true only after libmosquitto has processed the
// CONNACK and re-queued every QoS 1 message still unacknowledged from the previous
// connection (with DUP set, same message id). A QoS 1 publish accepted while connected
// that reaches the network thread after the connection dropped is held and sent right
// after those re-sends. Messages therefore reach the broker in the order publish_qos1()
// accepted them, with duplicates but without reordering.
//
// Ownership: owns its libmosquitto handle for its whole life, so QoS 1 messages in flight
// survive stop()/start() and reconnects. No libmosquitto type appears here (pimpl).
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <system_error>

#include "adapters/mqtt/outbox_sender.hpp"
#include "gateway/core/message_bus.hpp"
#include "gateway/core/result.hpp"

namespace gw::adp::mqtt {

/// A log sink: syslog level (3 err, 4 warning, 5 notice, 6 info, 7 debug) and one line
/// ("event phrase key=value ..."). Lines from libmosquitto itself start "libmosquitto: ".
using MqttLogFn = std::function<void(int level, std::string line)>;

struct MqttOptions {
    std::string url = "mqtt://127.0.0.1:1883";  // mqtt://host[:port] | mqtts://host[:port]
    std::string ca_file;    // mqtts: PEM CA bundle to verify the broker; empty = system store
    std::string cert_file;  // optional client certificate (PEM); needs key_file
    std::string key_file;
    std::string username;   // optional
    std::string password;   // the secret itself (the app reads password_file); never logged
    std::string client_id;  // empty: the broker assigns one
    std::chrono::seconds keepalive{30};  // 5..65535 s
    std::string will_topic;              // empty: no Last Will
    std::string will_payload;            // sent retained, QoS 1, when the connection dies uncleanly
    std::chrono::milliseconds reconnect_min{500};
    std::chrono::milliseconds reconnect_max{30000};
    int max_inflight = 100;  // QoS 1 messages libmosquitto keeps unacknowledged on the wire
    std::chrono::milliseconds stop_timeout{2000};  // how long stop() tries to say DISCONNECT
};

struct MqttCallbacks {
    /// After every successful CONNACK (first connect and each reconnect), once
    /// subscriptions were renewed: the app republishes its retained state here.
    std::function<void()> on_connected;
    /// When a connection that had been reported by on_connected ends. `reason` is empty
    /// for a clean stop(), else why the connection dropped.
    std::function<void(std::error_code reason)> on_disconnected;
    /// PUBACK received for a publish_qos1() message: its id, once.
    std::function<void(int id)> on_published;
    /// The adapter's own log lines and libmosquitto's, routed to the app's facade.
    MqttLogFn on_log;
};

class MqttClient final : public core::MessageBus, public OutboxSender {
public:
    /// Does not connect. Callbacks are fixed for the client's life.
    explicit MqttClient(MqttOptions options, MqttCallbacks callbacks = {});
    /// Calls stop().
    ~MqttClient() override;
    MqttClient(const MqttClient&) = delete;
    MqttClient& operator=(const MqttClient&) = delete;

    /// Validates the options, configures TLS, credentials and the will, and starts the
    /// network thread, which connects asynchronously and keeps reconnecting until stop().
    /// Does not wait for the connection. Errors (nothing started): BadUrl,
    /// InvalidArgument (keepalive, max_inflight, a TLS file that cannot be read),
    /// AlreadyStarted, NoMemory.
    core::Status start();

    /// Sends DISCONNECT (so the broker does NOT publish the will: publish a status
    /// "offline" first), then joins the network thread. Blocks up to about stop_timeout.
    /// Messages still in flight are kept and re-sent after a later start(). Idempotent.
    void stop();

    bool connected() const override;

    /// Queues a QoS 1 PUBLISH and returns its id (1..INT_MAX, the client's own numbering,
    /// not the MQTT packet id), which on_published reports once the PUBACK arrived.
    /// Refused with NotConnected unless connected(), so nothing piles up while offline;
    /// a bad topic (InvalidArgument, MalformedUtf8) or payload (PayloadTooLarge) is
    /// refused at once.
    core::Result<int> publish_qos1(const std::string& topic, const std::string& payload,
                                   bool retain);
    /// OutboxSender: publish_qos1(topic, payload, retain = false).
    core::Result<int> publish_qos1(const std::string& topic, const std::string& payload) override;

    /// MessageBus: subscribes with QoS 1 now (if connected) and after every reconnect.
    /// The handler runs on the network thread.
    void subscribe(const std::string& filter, Handler handler) override;
    /// MessageBus: fire-and-forget. Dropped (debug log) while not connected: retained
    /// state is republished from on_connected anyway.
    void publish(const std::string& topic, std::string payload, int qos, bool retain) override;

    /// Batching: between begin_burst() and end_burst() publishes are queued without waking
    /// the network thread; end_burst() wakes it once, so one loop turn sends them all
    /// in as few segments as possible. The core loop brackets each turn with them. Nests;
    /// a publish from another thread meanwhile waits for the end of the burst.
    void begin_burst();
    void end_burst();

    /// The last connect/connection error ({} after a successful connect), for status.
    std::error_code last_error() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace gw::adp::mqtt
