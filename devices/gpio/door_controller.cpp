#include "door_controller.hpp"

namespace gw::dev::gpio {

std::string_view to_string(DoorAlarm a) {
    switch (a) {
        case DoorAlarm::Forced:
            return "door_forced";
        case DoorAlarm::HeldOpen:
            return "door_held_open";
        case DoorAlarm::Closed:
            return "door_closed";
        case DoorAlarm::SensorFault:
            return "sensor_fault";
        case DoorAlarm::RelayFault:
            return "relay_fault";
    }
    return "unknown";
}

DoorController::DoorController(GpioLine& relay, GpioLine* sensor, DoorTiming timing)
    : relay_(relay), sensor_(sensor), timing_(timing) {}

std::optional<DoorAlarm> DoorController::open(TimePoint now) {
    unlocked_until_ = now + timing_.pulse;
    if (!relay_.set(true)) return DoorAlarm::RelayFault;
    return std::nullopt;
}

std::vector<DoorAlarm> DoorController::tick(TimePoint now) {
    std::vector<DoorAlarm> out;
    if (unlocked_until_ && now >= *unlocked_until_) {
        unlocked_until_.reset();
        if (!relay_.set(false)) out.push_back(DoorAlarm::RelayFault);
    }
    if (sensor_) read_sensor(now, out);
    return out;
}

void DoorController::read_sensor(TimePoint now, std::vector<DoorAlarm>& out) {
    const auto open = sensor_->get();
    if (!open) {
        if (!sensor_failed_) out.push_back(DoorAlarm::SensorFault);
        sensor_failed_ = true;
        return;
    }
    sensor_failed_ = false;
    if (!sensor_known_) {  // the state found at start is no event
        sensor_known_ = true;
        door_open_ = *open;
        opened_at_ = now;
        return;
    }
    if (*open && !door_open_) {  // just opened
        door_open_ = true;
        opened_at_ = now;
        held_reported_ = false;
        alarmed_ = !unlocked();
        if (alarmed_) out.push_back(DoorAlarm::Forced);
    } else if (*open && !held_reported_ && now - opened_at_ >= timing_.held_open) {
        held_reported_ = alarmed_ = true;
        out.push_back(DoorAlarm::HeldOpen);
    } else if (!*open && door_open_) {  // just closed
        door_open_ = false;
        if (alarmed_) out.push_back(DoorAlarm::Closed);
        alarmed_ = false;
    }
}

}  // namespace gw::dev::gpio
