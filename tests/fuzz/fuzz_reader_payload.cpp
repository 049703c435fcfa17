// Fuzz target: what an MQTT-native reader publishes (devices/mqtt_reader codec).
#include <cstdint>
#include <string_view>

#include "devices/mqtt_reader/reader_payload.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view in(reinterpret_cast<const char*>(data), size);
    auto r = gw::dev::mqtt_reader::parse_reader_payload(in);
    if (r.tap && (r.tap->uid.size() < 8 || r.tap->uid.size() > 20)) __builtin_trap();
    if (!r.tap && r.error.empty()) __builtin_trap();  // every rejection has a reason
    return 0;
}
