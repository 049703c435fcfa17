#pragma once
// Child mode of mqtt_test: `mqtt_test --will-child <url> <status-topic>` connects an
// MqttClient whose Last Will is {"state":"offline"} on <status-topic>, publishes
// {"state":"online"} there (retained) and then waits to be killed.
namespace gw::test {

inline constexpr const char* kWillChildFlag = "--will-child";
int run_will_child(int argc, char* argv[]);

}  // namespace gw::test
