// Fuzz target: ZKTeco PUSH bodies (ATTLOG, rtlog, devicecmd results) through every parser.
#include <cstdint>
#include <string_view>

#include "devices/face/zk_records.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view in(reinterpret_cast<const char*>(data), size);
    for (auto* parse : {&gw::dev::face::parse_attlog, &gw::dev::face::parse_rtlog}) {
        auto r = parse(in, 10000);
        if (r.records.size() + r.errors.size() > r.lines + 1) __builtin_trap();
        for (const auto& rec : r.records)
            if (!rec.pin.empty() && !gw::dev::face::valid_pin(rec.pin)) __builtin_trap();
    }
    (void)gw::dev::face::parse_devicecmd(in, 1000);
    return 0;
}
