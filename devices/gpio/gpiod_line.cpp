#include "gpiod_line.hpp"

#include <gpiod.h>

#include <cerrno>

namespace gw::dev::gpio {

namespace {

struct ChipDeleter {
    void operator()(gpiod_chip* c) const { gpiod_chip_close(c); }
};

core::Error line_error(const LineRequest& r, const char* what) {
    return core::Error{std::error_code(errno, std::generic_category()),
                       r.chip + " line " + std::to_string(r.offset) + ": " + what};
}

/// A requested line of an open chip. Closing the chip releases the line.
class GpiodLine final : public GpioLine {
public:
    GpiodLine(std::unique_ptr<gpiod_chip, ChipDeleter> chip, gpiod_line* line, std::string name)
        : chip_(std::move(chip)), line_(line), name_(std::move(name)) {}
    ~GpiodLine() override { gpiod_line_release(line_); }
    GpiodLine(const GpiodLine&) = delete;
    GpiodLine& operator=(const GpiodLine&) = delete;

    core::Status set(bool active) override {
        if (gpiod_line_set_value(line_, active ? 1 : 0) < 0)
            return core::Error{std::error_code(errno, std::generic_category()), name_ + ": set"};
        return core::Ok{};
    }
    core::Result<bool> get() override {
        const int v = gpiod_line_get_value(line_);
        if (v < 0)
            return core::Error{std::error_code(errno, std::generic_category()), name_ + ": get"};
        return v == 1;
    }

private:
    std::unique_ptr<gpiod_chip, ChipDeleter> chip_;
    gpiod_line* line_;  // owned by chip_, requested by us
    std::string name_;
};

}  // namespace

core::Result<std::unique_ptr<GpioLine>> open_gpiod_line(const LineRequest& r) {
    std::unique_ptr<gpiod_chip, ChipDeleter> chip(gpiod_chip_open_lookup(r.chip.c_str()));
    if (!chip) return line_error(r, "cannot open the chip");
    gpiod_line* line = gpiod_chip_get_line(chip.get(), r.offset);
    if (!line) return line_error(r, "no such line");
    const int flags = r.active_low ? GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW : 0;
    const int rc = r.output ? gpiod_line_request_output_flags(line, r.consumer.c_str(), flags, 0)
                            : gpiod_line_request_input_flags(line, r.consumer.c_str(), flags);
    if (rc < 0) return line_error(r, "cannot request the line (in use?)");
    return std::unique_ptr<GpioLine>(std::make_unique<GpiodLine>(
        std::move(chip), line, r.chip + " line " + std::to_string(r.offset)));
}

}  // namespace gw::dev::gpio
