#pragma once
// Port: one requested GPIO line, in logical values (an active-low line is inverted by the
// implementation, so `true` always means "relay energised" / "door open"). The door logic
// is written against this port; libgpiod implements it (gpiod_line.hpp), tests fake it.
// Not thread-safe: each line is used by one thread at a time (GpioDoor's lock).
#include <functional>
#include <memory>
#include <string>

#include "gateway/core/result.hpp"

namespace gw::dev::gpio {

class GpioLine {
public:
    virtual ~GpioLine() = default;
    virtual core::Status set(bool active) = 0;
    virtual core::Result<bool> get() = 0;
};

/// What to request: a line of a chip ("gpiochip0", "/dev/gpiochip0", a label or a number).
struct LineRequest {
    std::string chip;
    unsigned offset = 0;
    bool output = false;
    bool active_low = false;
    std::string consumer;  // shown by gpioinfo, e.g. "campusgw:relay-1"
};

/// Opens a line; an error names the chip and line (e.g. "gpiochip0 line 17: busy").
using LineOpener = std::function<core::Result<std::unique_ptr<GpioLine>>(const LineRequest&)>;

}  // namespace gw::dev::gpio
