#pragma once
// Driver "mqtt_reader": a reader that publishes card UIDs over MQTT (ESPHome, Tasmota,
// custom firmware). Each message on `topic` becomes a Presentation; after the decision is
// durable the reader gets {"decision","reason","point"} on `{topic}/decision` so it can
// beep or flash. Malformed payloads become a Malformed presentation (denied `malformed`,
// logged with the reason, never with the payload).
#include <atomic>
#include <memory>
#include <string>

#include "gateway/core/device.hpp"
#include "gateway/core/message_bus.hpp"

namespace gw::dev::mqtt_reader {

struct MqttReaderOptions {
    std::string id;
    std::string topic;
    bool answer = true;
    bool accept_desfire_by_uid = false;
};

class MqttReader final : public core::Device {
public:
    MqttReader(MqttReaderOptions opts, core::MessageBus& bus);
    const std::string& id() const override { return sink_->opts.id; }
    void start(core::DeviceEvents& events) override;
    void stop() override;
    void feedback(const core::Presentation& p, const core::Decision& d) override;

private:
    /// What the bus's handler touches. Shared with the handler, because the bus keeps
    /// handlers for its life and calls them on its own thread: after stop() — and after a
    /// reload destroyed this reader — a late message only finds `running` false.
    struct Sink {
        MqttReaderOptions opts;
        core::DeviceEvents* events = nullptr;
        std::atomic<bool> running{false};
        std::atomic<bool> seen{false};
        void on_message(const std::string& payload);
    };

    core::MessageBus& bus_;
    std::shared_ptr<Sink> sink_;
};

}  // namespace gw::dev::mqtt_reader
