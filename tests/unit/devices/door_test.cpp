// The GPIO door logic against fake lines: relay pulses, door sensor alarms (forced, held
// open, closed), line faults; and the gpio device publishing its alarms on the bus.
#define BOOST_TEST_MODULE door
#include <boost/test/unit_test.hpp>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "devices/gpio/door_controller.hpp"
#include "devices/gpio/gpio_door.hpp"

namespace gw::dev::gpio {
std::ostream& operator<<(std::ostream& os, DoorAlarm a) {
    return os << to_string(a);
}
}  // namespace gw::dev::gpio
namespace gw::core {
std::ostream& operator<<(std::ostream& os, Availability a) {
    return os << to_string(a);
}
}  // namespace gw::core

using namespace gw::dev::gpio;
using namespace std::chrono_literals;
using gw::core::Availability;
using TimePoint = DoorController::TimePoint;

namespace {

/// A line whose value the test sets (sensor) or reads back (relay), with a history.
struct FakeLine final : GpioLine {
    std::mutex mu;
    bool value = false;
    std::vector<bool> writes;
    bool broken = false;
    gw::core::Status set(bool active) override {
        std::lock_guard lk(mu);
        if (broken) return gw::core::make_error(std::errc::io_error, "fake: set");
        value = active;
        writes.push_back(active);
        return gw::core::Ok{};
    }
    gw::core::Result<bool> get() override {
        std::lock_guard lk(mu);
        if (broken) return gw::core::make_error(std::errc::io_error, "fake: get");
        return value;
    }
    void put(bool v) {
        std::lock_guard lk(mu);
        value = v;
    }
};

const DoorTiming kTiming{3000ms, 30000ms};
const TimePoint t0{};

struct Door {
    FakeLine relay, sensor;
    DoorController door{relay, &sensor, kTiming};
    Door() { BOOST_TEST(door.tick(t0).empty()); }  // first reading: closed, no event
};

}  // namespace

BOOST_AUTO_TEST_CASE(open_pulses_the_relay_for_the_configured_time) {
    FakeLine relay;
    DoorController door(relay, nullptr, kTiming);
    BOOST_TEST(!door.open(t0).has_value());
    BOOST_TEST(relay.value);
    BOOST_TEST(door.tick(t0 + 2999ms).empty());
    BOOST_TEST(relay.value);  // still unlocked
    BOOST_TEST(door.tick(t0 + 3000ms).empty());
    BOOST_TEST(!relay.value);  // locked again
    BOOST_TEST(relay.writes == (std::vector<bool>{true, false}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_open_during_a_pulse_extends_it) {
    FakeLine relay;
    DoorController door(relay, nullptr, kTiming);
    (void)door.open(t0);
    (void)door.open(t0 + 2000ms);
    (void)door.tick(t0 + 3500ms);
    BOOST_TEST(relay.value);
    (void)door.tick(t0 + 5000ms);
    BOOST_TEST(!relay.value);
}

BOOST_FIXTURE_TEST_CASE(opening_while_unlocked_is_no_alarm, Door) {
    (void)door.open(t0);
    sensor.put(true);
    BOOST_TEST(door.tick(t0 + 1000ms).empty());
    sensor.put(false);
    BOOST_TEST(door.tick(t0 + 4000ms).empty());
    BOOST_TEST(!relay.value);
}

BOOST_FIXTURE_TEST_CASE(opening_while_locked_is_forced_then_closed, Door) {
    sensor.put(true);
    const auto a = door.tick(t0 + 100ms);
    BOOST_TEST(a == (std::vector<DoorAlarm>{DoorAlarm::Forced}), boost::test_tools::per_element());
    BOOST_TEST(door.tick(t0 + 200ms).empty());  // once per opening
    sensor.put(false);
    BOOST_TEST(door.tick(t0 + 300ms) == (std::vector<DoorAlarm>{DoorAlarm::Closed}),
               boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(opening_after_the_pulse_ended_is_forced, Door) {
    (void)door.open(t0);
    (void)door.tick(t0 + 3000ms);  // relocked, nobody went through
    sensor.put(true);
    BOOST_TEST(door.tick(t0 + 3100ms) == (std::vector<DoorAlarm>{DoorAlarm::Forced}),
               boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(a_door_left_open_is_held_open_once, Door) {
    (void)door.open(t0);
    sensor.put(true);
    BOOST_TEST(door.tick(t0 + 1000ms).empty());
    BOOST_TEST(door.tick(t0 + 30999ms).empty());
    BOOST_TEST(door.tick(t0 + 31000ms) == (std::vector<DoorAlarm>{DoorAlarm::HeldOpen}),
               boost::test_tools::per_element());
    BOOST_TEST(door.tick(t0 + 60000ms).empty());
    sensor.put(false);
    BOOST_TEST(door.tick(t0 + 61000ms) == (std::vector<DoorAlarm>{DoorAlarm::Closed}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_door_found_open_at_start_is_not_forced) {
    FakeLine relay, sensor;
    sensor.put(true);
    DoorController door(relay, &sensor, kTiming);
    BOOST_TEST(door.tick(t0).empty());
    BOOST_TEST(door.door_open());
    BOOST_TEST(door.tick(t0 + 30000ms) == (std::vector<DoorAlarm>{DoorAlarm::HeldOpen}),
               boost::test_tools::per_element());
}

BOOST_FIXTURE_TEST_CASE(line_faults_are_reported_once, Door) {
    sensor.broken = true;
    BOOST_TEST(door.tick(t0 + 100ms) == (std::vector<DoorAlarm>{DoorAlarm::SensorFault}),
               boost::test_tools::per_element());
    BOOST_TEST(door.tick(t0 + 200ms).empty());
    sensor.broken = false;
    BOOST_TEST(door.tick(t0 + 300ms).empty());
    relay.broken = true;
    BOOST_TEST((door.open(t0 + 400ms) == DoorAlarm::RelayFault));
}

namespace {

struct RecordingBus final : gw::core::MessageBus {
    std::mutex mu;
    std::vector<std::pair<std::string, std::string>> published;
    void subscribe(const std::string&, Handler) override {}
    void publish(const std::string& topic, std::string payload, int, bool) override {
        std::lock_guard lk(mu);
        published.emplace_back(topic, std::move(payload));
    }
    size_t count() {
        std::lock_guard lk(mu);
        return published.size();
    }
};

struct RecordingEvents final : gw::core::DeviceEvents {
    std::mutex mu;
    std::vector<Availability> states;
    void presentation(gw::core::Presentation) override {}
    void availability(const std::string&, Availability a, std::string) override {
        std::lock_guard lk(mu);
        states.push_back(a);
    }
    Availability last() {
        std::lock_guard lk(mu);
        return states.empty() ? Availability::Unknown : states.back();
    }
};

template <class Pred>
bool eventually(Pred p) {
    for (int i = 0; i < 200 && !p(); ++i) std::this_thread::sleep_for(5ms);
    return p();
}

}  // namespace

BOOST_AUTO_TEST_CASE(gpio_door_pulses_and_publishes_alarms_on_its_event_topic) {
    FakeLine* relay = nullptr;
    FakeLine* sensor = nullptr;
    std::vector<std::string> consumers;  // checked after stop(): Boost.Test is not thread-safe
    LineOpener opener = [&](const LineRequest& r) -> gw::core::Result<std::unique_ptr<GpioLine>> {
        auto line = std::make_unique<FakeLine>();
        (r.output ? relay : sensor) = line.get();
        consumers.push_back(r.consumer);
        return std::unique_ptr<GpioLine>(std::move(line));
    };
    GpioDoorOptions o;
    o.id = "relay-1";
    o.line = 17;
    o.sensor_line = 27;
    o.timing = {100ms, 300ms};
    o.tick = 5ms;
    o.event_topic = "campus/v1/s/g/devices/relay-1/event";
    o.timestamp = [] { return std::string("2026-01-01T08:00:00.000+08:00"); };
    RecordingBus bus;
    RecordingEvents events;
    GpioDoor door(o, bus, opener);
    door.start(events);
    BOOST_REQUIRE(eventually([&] { return events.last() == Availability::Online; }));
    door.open_door();
    BOOST_TEST(relay->get().value());  // under the line's lock: the door's thread ends the pulse
    BOOST_TEST(eventually([&] { return !relay->get().value(); }));  // the pulse ended
    sensor->put(true);                                              // opened while locked
    BOOST_REQUIRE(eventually([&] { return bus.count() >= 2; }));    // forced, then held open
    door.stop();
    BOOST_TEST(consumers == (std::vector<std::string>{"campusgw:relay-1", "campusgw:relay-1"}),
               boost::test_tools::per_element());
    BOOST_TEST(bus.published[0].first == "campus/v1/s/g/devices/relay-1/event");
    BOOST_TEST(bus.published[0].second ==
               R"({"schema":"campus.device-event/1","device":"relay-1","event":"door_forced",)"
               R"("time":"2026-01-01T08:00:00.000+08:00"})");
    BOOST_TEST(bus.published[1].second.find("door_held_open") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(gpio_door_without_its_line_is_offline_and_retries) {
    int attempts = 0;
    LineOpener opener = [&](const LineRequest& r) -> gw::core::Result<std::unique_ptr<GpioLine>> {
        if (++attempts < 3)
            return gw::core::make_error(std::errc::device_or_resource_busy,
                                        r.chip + " line 17: cannot request the line");
        return std::unique_ptr<GpioLine>(std::make_unique<FakeLine>());
    };
    GpioDoorOptions o;
    o.id = "relay-1";
    o.retry = 10ms;
    RecordingBus bus;
    RecordingEvents events;
    GpioDoor door(o, bus, opener);
    door.open_door();  // before start: refused, nothing happens
    door.start(events);
    BOOST_REQUIRE(eventually([&] { return events.last() == Availability::Online; }));
    door.stop();
    BOOST_TEST(events.states.front() == Availability::Offline);
    BOOST_TEST(attempts == 3);
}
