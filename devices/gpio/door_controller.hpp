#pragma once
// DoorController: the rules of one door with a relay-driven lock and an optional door sensor,
// as pure logic over two GpioLines and the time it is given (no threads, no sleeping).
//
// - open(now) energises the relay for `pulse` (an open during a pulse extends it).
// - tick(now) releases the relay when the pulse is over and reads the sensor:
//   * the door opening while it is locked (no pulse running) is `door_forced`;
//   * a door open for longer than `held_open` is `door_held_open` (once per opening);
//   * the door closing after either alarm is `door_closed`, so consumers can clear it.
// The first sensor reading only sets the state (a door found open at start is not forced).
// A sensor read error is reported once (`sensor_fault`), again only after it read well.
// Not thread-safe: GpioDoor calls it under its lock.
#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

#include "gpio_line.hpp"

namespace gw::dev::gpio {

enum class DoorAlarm { Forced, HeldOpen, Closed, SensorFault, RelayFault };
std::string_view to_string(DoorAlarm a);

struct DoorTiming {
    std::chrono::milliseconds pulse{3000};
    std::chrono::milliseconds held_open{30000};
};

class DoorController {
public:
    using TimePoint = std::chrono::steady_clock::time_point;

    /// `sensor` may be null (no door sensor: no alarms but RelayFault).
    DoorController(GpioLine& relay, GpioLine* sensor, DoorTiming timing);

    /// Unlocks now, for `pulse`. RelayFault if the line could not be set.
    std::optional<DoorAlarm> open(TimePoint now);
    /// Advances to `now`; the alarms raised since the last tick.
    std::vector<DoorAlarm> tick(TimePoint now);
    bool unlocked() const { return unlocked_until_.has_value(); }
    bool door_open() const { return door_open_; }

private:
    void read_sensor(TimePoint now, std::vector<DoorAlarm>& out);

    GpioLine& relay_;
    GpioLine* sensor_;
    DoorTiming timing_;
    std::optional<TimePoint> unlocked_until_;
    bool door_open_ = false;
    TimePoint opened_at_{};
    bool alarmed_ = false;  // this opening raised Forced or HeldOpen
    bool held_reported_ = false;
    bool sensor_failed_ = false;
    bool sensor_known_ = false;  // the first reading sets the state without an alarm
};

}  // namespace gw::dev::gpio
