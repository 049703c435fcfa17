#pragma once
// GpioLine on libgpiod 1.6 (the GPIO character device, /dev/gpiochipN; Debian bookworm and
// Raspberry Pi OS ship 1.6). The only code that includes <gpiod.h> (in the .cpp). Owns its
// chip handle and the requested line; releasing it returns the line to the kernel (which
// keeps an output at its last value: GpioDoor sets the relay off first).
#include <memory>

#include "gpio_line.hpp"

namespace gw::dev::gpio {

/// Requests the line described by `r`; errors name the chip and line, with errno's reason.
core::Result<std::unique_ptr<GpioLine>> open_gpiod_line(const LineRequest& r);

}  // namespace gw::dev::gpio
