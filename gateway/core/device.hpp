#pragma once
// Port: a southbound device (reader, scanner, terminal, door output).
#include <string>
#include <string_view>

#include "decision.hpp"
#include "presentation.hpp"

namespace gw::core {

enum class Availability { Unknown, Online, Offline };
std::string_view to_string(Availability a);

/// Where devices report. Implemented by the core loop's queue; thread-safe, non-blocking.
class DeviceEvents {
public:
    virtual ~DeviceEvents() = default;
    virtual void presentation(Presentation p) = 0;
    virtual void availability(const std::string& device, Availability a,
                              std::string detail) = 0;
};

class Device {
public:
    virtual ~Device() = default;
    virtual const std::string& id() const = 0;
    /// Starts I/O (threads, subscriptions). Reports through `events` until stop().
    virtual void start(DeviceEvents& events) = 0;
    virtual void stop() = 0;
    /// Called on the core loop after the decision is durable: beep/flash/answer.
    virtual void feedback(const Presentation&, const Decision&) {}
    /// For door outputs: open once (pulse). Called on the core loop; must not block long.
    virtual void open_door() {}
};

}  // namespace gw::core
