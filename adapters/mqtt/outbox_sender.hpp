#pragma once
// OutboxSender: the little an OutboxPublisher needs from an MQTT connection.
// MqttClient implements it; tests may implement it with a fake.
// Thread-safety: implementations must allow calls from the core loop thread while their
// own network thread runs.
#include <string>

#include "gateway/core/result.hpp"

namespace gw::adp::mqtt {

class OutboxSender {
public:
    virtual ~OutboxSender() = default;
    /// Queues a QoS 1, non-retained PUBLISH. Returns its message id; the acknowledgement
    /// arrives later as that id (MqttCallbacks::on_published). Never blocks on the network.
    /// Errors: MqttErrc::NotConnected (try again after the next connect), or a permanent
    /// error for this message (InvalidArgument, MalformedUtf8, PayloadTooLarge).
    virtual core::Result<int> publish_qos1(const std::string& topic,
                                           const std::string& payload) = 0;
    /// True between a successful CONNACK (after in-flight messages were re-queued) and
    /// the loss of that connection.
    virtual bool connected() const = 0;
};

}  // namespace gw::adp::mqtt
