#pragma once
// Port: a southbound device (reader, scanner, terminal, door output).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

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

/// One count a device keeps of input it refused (see Device::counters()).
struct DeviceCounter {
    std::string name;  // snake_case, stable (docs/metrics.md lists them)
    uint64_t value = 0;
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
    /// Counts of refused input since start (name → count), for `health` and /metrics; a
    /// device that counts nothing returns none. Called on the core loop; must not block.
    virtual std::vector<DeviceCounter> counters() const { return {}; }
};

}  // namespace gw::core
