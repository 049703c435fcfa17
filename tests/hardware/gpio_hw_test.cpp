// The real libgpiod path of the gpio door driver, on real hardware (or gpio-sim/gpio-mockup).
// Exits 77 (CTest: skipped) when the machine has no /dev/gpiochip*, or when no line was
// named for it: toggling an arbitrary line of a real board is not safe, so the line comes
// from the environment:
//   GW_TEST_GPIO_CHIP=gpiochip0 GW_TEST_GPIO_LINE=17 ctest -R gpio_hw_test
// (a line wired to nothing, an LED or the relay under test). Plain main(): the skip code
// must be the process's exit status.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

#include "devices/gpio/gpio_door.hpp"
#include "devices/gpio/gpiod_line.hpp"

using namespace gw::dev::gpio;
using namespace std::chrono_literals;

namespace {

constexpr int kSkip = 77;
int failures = 0;

void check(bool ok, const char* what) {
    std::printf("%s: %s\n", ok ? "ok  " : "FAIL", what);
    failures += ok ? 0 : 1;
}

bool has_gpiochip() {
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator("/dev", ec))
        if (e.path().filename().string().starts_with("gpiochip")) return true;
    return false;
}

struct NoEvents final : gw::core::DeviceEvents {
    void presentation(gw::core::Presentation) override {}
    void availability(const std::string&, gw::core::Availability, std::string) override {}
};
struct NoBus final : gw::core::MessageBus {
    void subscribe(const std::string&, Handler) override {}
    void publish(const std::string&, std::string, int, bool) override {}
};

void line_round_trip(const LineRequest& req) {
    auto line = open_gpiod_line(req);
    check(line.ok(), "the output line is requested");
    if (!line) {
        std::printf("  %s\n", line.error().message().c_str());
        return;
    }
    check((*line)->set(true).ok() && (*line)->get().value(), "set 1 reads back 1");
    check((*line)->set(false).ok() && !(*line)->get().value(), "set 0 reads back 0");
    auto again = open_gpiod_line(req);
    check(!again.ok(), "a line in use cannot be requested twice");
    if (!again) std::printf("  (%s)\n", again.error().message().c_str());
}

void door_pulse(const LineRequest& req) {
    GpioDoorOptions o;
    o.id = "hw-door";
    o.chip = req.chip;
    o.line = req.offset;
    o.timing.pulse = 200ms;
    NoBus bus;
    NoEvents events;
    GpioDoor door(o, bus, open_gpiod_line);
    door.start(events);
    std::this_thread::sleep_for(100ms);
    door.open_door();  // the line is ours while requested: watch it with a meter or LED
    std::this_thread::sleep_for(400ms);
    door.stop();
    auto after = open_gpiod_line(req);  // released at stop
    check(after.ok(), "the door releases its line at stop");
    if (after) check(!(*after)->get().value(), "the relay is off after the pulse");
}

}  // namespace

int main() {
    if (!has_gpiochip()) {
        std::puts("no /dev/gpiochip*: skipped");
        return kSkip;
    }
    const char* chip = std::getenv("GW_TEST_GPIO_CHIP");
    const char* line = std::getenv("GW_TEST_GPIO_LINE");
    if (!chip || !line) {
        std::puts("GW_TEST_GPIO_CHIP / GW_TEST_GPIO_LINE not set: skipped");
        return kSkip;
    }
    LineRequest req{chip, static_cast<unsigned>(std::atoi(line)), true, false, "campusgw-test"};
    line_round_trip(req);
    door_pulse(req);
    auto bad = open_gpiod_line({chip, 100000, true, false, "campusgw-test"});
    check(!bad.ok() &&
              bad.error().message().find(std::string(chip) + " line 100000") != std::string::npos,
          "an unknown line is an error naming chip and line");
    return failures == 0 ? 0 : 1;
}
