#pragma once
// Builds devices by their config `driver` name. The only place that names concrete device
// classes. A driver the config knows but this build lacks is a startup error (exit 78).
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "gateway/config/config.hpp"
#include "gateway/core/device.hpp"
#include "gateway/core/message_bus.hpp"
#include "gateway/core/result.hpp"

namespace gw::app {

struct DeviceDeps {
    core::MessageBus& bus;
    std::string base_topic;                  // campus/v1/{site}/{gateway}
    std::function<std::string()> timestamp;  // the site's local time, RFC 3339
    const config::Config* config = nullptr;  // points, zones, state_dir for face terminals
};

class DeviceRegistry {
public:
    static core::Result<std::unique_ptr<core::Device>> build(const config::DeviceConfig& cfg,
                                                             DeviceDeps& deps);
    static core::Result<std::vector<std::unique_ptr<core::Device>>> build_all(
        const config::Config& cfg, DeviceDeps& deps);
    static std::vector<std::string> drivers();
};

}  // namespace gw::app
