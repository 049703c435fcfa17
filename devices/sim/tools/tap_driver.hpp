#pragma once
// Drives a running gateway over MQTT the way card readers would (or through simulated serial
// scanners, see tap_plan.hpp): waits until the gateway's retained status says online,
// presents each tap of a plan, waits for the access event it causes and prints it (and the
// 亮证记录 of an e-ID QR code), then prints a summary per zone kind.
// Blocking; the whole run is bounded by `timeout`.
#include <chrono>
#include <iosfwd>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "drive_summary.hpp"
#include "event_printer.hpp"
#include "mqtt_link.hpp"
#include "pty_port.hpp"
#include "tap_plan.hpp"

namespace gw::dev::sim::tools {

struct DriveOptions {
    BrokerAddress broker;
    std::string base;  // campus/v1/{site}/{gateway}
    std::vector<Tap> taps;
    std::chrono::milliseconds timeout{30'000};  // the whole run
    std::chrono::milliseconds gap{50};          // pause between taps
    std::chrono::milliseconds per_tap{5'000};   // longest wait for one tap's event
};

class TapDriver {
public:
    TapDriver(DriveOptions opts, std::ostream& out);

    /// 0 when every tap produced an event (and met its expectation), 1 otherwise.
    int run();

private:
    using Clock = std::chrono::steady_clock;

    bool wait_online();
    bool open_ports();
    void present(const Tap& tap);
    void drive(const Tap& tap);
    void print_shown(const MqttLink::Message& m);
    std::optional<AccessEventView> next_event(Clock::time_point until);
    std::chrono::milliseconds left(Clock::time_point until) const;

    DriveOptions opts_;
    std::ostream& out_;
    MqttLink link_;
    EventPrinter printer_;
    DriveSummary summary_;
    std::map<std::string, std::unique_ptr<PtyPort>> ports_;  // "pty:PATH" taps
    Clock::time_point deadline_;
};

}  // namespace gw::dev::sim::tools
