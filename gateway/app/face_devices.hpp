#pragma once
// Builds the face-terminal drivers (hikvision, zkteco) from their config: options, the
// enrolment context (roster reader on the state database, the zones of the points the
// terminal feeds, photo base and token from [eid], device-event topic), secrets from files.
#include <memory>

#include "device_registry.hpp"

namespace gw::app {

core::Result<std::unique_ptr<core::Device>> make_hikvision(const config::DeviceConfig& c,
                                                           DeviceDeps& deps);
core::Result<std::unique_ptr<core::Device>> make_zkteco(const config::DeviceConfig& c,
                                                        DeviceDeps& deps);

}  // namespace gw::app
