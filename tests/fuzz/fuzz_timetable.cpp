// Fuzz target: e-ID timetables (eid-sync-v1 §3).
#include <cstdint>
#include <string_view>

#include "adapters/eid/timetable_parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view in(reinterpret_cast<const char*>(data), size);
    auto sessions = gw::adp::eid::parse_timetable(in);
    if (sessions)
        for (const auto& s : sessions.value())
            if (!(s.start < s.end)) __builtin_trap();
    return 0;
}
