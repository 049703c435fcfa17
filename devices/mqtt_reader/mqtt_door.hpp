#pragma once
// Driver "mqtt_door": a networked door controller commanded over MQTT. open_door()
// publishes `payload` (default {"action":"open"}) to `topic` with QoS 1.
#include <string>

#include "gateway/core/device.hpp"
#include "gateway/core/message_bus.hpp"

namespace gw::dev::mqtt_reader {

struct MqttDoorOptions {
    std::string id;
    std::string topic;
    std::string payload = R"({"action":"open"})";
};

class MqttDoor final : public core::Device {
public:
    MqttDoor(MqttDoorOptions opts, core::MessageBus& bus) : opts_(std::move(opts)), bus_(bus) {}
    const std::string& id() const override { return opts_.id; }
    void start(core::DeviceEvents&) override {}
    void stop() override {}
    void open_door() override { bus_.publish(opts_.topic, opts_.payload, 1, false); }

private:
    MqttDoorOptions opts_;
    core::MessageBus& bus_;
};

}  // namespace gw::dev::mqtt_reader
