#pragma once
// Driver "gpio": a door whose lock is driven by a relay on a GPIO output line, with an
// optional door sensor (reed contact) on an input line. open_door() pulses the relay for
// `pulse`; door_forced / door_held_open / door_closed alarms (DoorController) are published
// on {base}/devices/{id}/event (QoS 1, not retained):
//   {"schema":"campus.device-event/1","device":"relay-1","event":"door_forced","time":"…"}
// The lines are requested in start() through `open_line` (libgpiod in production); a line
// that cannot be had makes the door `offline` (with the reason) and is requested again
// every `retry` until it works.
// Thread-safety: open_door() from the core loop (never blocks: one ioctl); a worker thread
// ends pulses and watches the sensor every `tick`. start()/stop() from one thread.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "door_controller.hpp"
#include "gateway/core/device.hpp"
#include "gateway/core/message_bus.hpp"

namespace gw::dev::gpio {

struct GpioDoorOptions {
    std::string id;
    std::string chip = "gpiochip0";
    unsigned line = 0;
    bool active_low = false;
    std::optional<unsigned> sensor_line;  // none: no door sensor
    bool sensor_active_low = false;
    DoorTiming timing;
    std::chrono::milliseconds tick{50};
    std::chrono::milliseconds retry{5000};
    std::string event_topic;                 // {base}/devices/{id}/event
    std::function<std::string()> timestamp;  // the site's local time, RFC 3339
};

class GpioDoor final : public core::Device {
public:
    GpioDoor(GpioDoorOptions opts, core::MessageBus& bus, LineOpener open_line);
    ~GpioDoor() override;
    const std::string& id() const override { return opts_.id; }
    void start(core::DeviceEvents& events) override;
    void stop() override;
    void open_door() override;

private:
    void run(core::DeviceEvents& events);
    bool try_acquire(core::DeviceEvents& events);  // under mu_
    core::Status acquire();
    void release();
    void publish(DoorAlarm a);
    bool wait(std::chrono::milliseconds d);  // false when stopping

    GpioDoorOptions opts_;
    core::MessageBus& bus_;
    LineOpener open_line_;
    std::mutex mu_;  // lines, controller, stopping_
    std::condition_variable cv_;
    bool stopping_ = false;
    bool offline_logged_ = false;
    std::unique_ptr<GpioLine> relay_;
    std::unique_ptr<GpioLine> sensor_;
    std::unique_ptr<DoorController> door_;
    std::thread thread_;
};

}  // namespace gw::dev::gpio
