#pragma once
// Port: a publish/subscribe bus (the MQTT adapter). Used by devices that speak MQTT
// (mqtt_reader) and by the app for retained state. Thread-safe.
#include <functional>
#include <string>
#include <string_view>

namespace gw::core {

class MessageBus {
public:
    using Handler = std::function<void(const std::string& topic, const std::string& payload)>;
    virtual ~MessageBus() = default;
    /// Subscribes now and again after every reconnect. The handler runs on the bus's
    /// network thread: it must only hand the message over (post to the core loop).
    virtual void subscribe(const std::string& filter, Handler handler) = 0;
    /// Fire-and-forget publish (QoS 0/1) for non-outbox traffic (reader answers, state).
    virtual void publish(const std::string& topic, std::string payload, int qos,
                         bool retain) = 0;
};

}  // namespace gw::core
