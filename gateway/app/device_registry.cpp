#include "device_registry.hpp"

#include <algorithm>
#include <functional>
#include <utility>

#include "devices/mqtt_reader/mqtt_door.hpp"
#include "face_devices.hpp"
#include "devices/mqtt_reader/mqtt_reader.hpp"
#include "devices/scanner/evdev_scanner.hpp"
#include "devices/scanner/serial_scanner.hpp"
#include "devices/sim/sim_reader.hpp"
#include "gateway/core/log.hpp"
#ifdef GW_HAVE_GPIOD
#include "devices/gpio/gpio_door.hpp"
#include "devices/gpio/gpiod_line.hpp"
#endif
#ifdef GW_HAVE_NFC
#include "devices/nfc/desfire/master_key_file.hpp"
#include "devices/nfc/nfc_reader.hpp"
#endif

namespace gw::app {

namespace {

using DevicePtr = std::unique_ptr<core::Device>;
using Factory = std::function<core::Result<DevicePtr>(const config::DeviceConfig&, DeviceDeps&)>;

core::Result<DevicePtr> make_mqtt_reader(const config::DeviceConfig& c, DeviceDeps& d) {
    dev::mqtt_reader::MqttReaderOptions o;
    o.id = c.id;
    o.topic = c.str("topic");
    o.answer = c.flag("answer", true);
    return DevicePtr(std::make_unique<dev::mqtt_reader::MqttReader>(std::move(o), d.bus));
}

core::Result<DevicePtr> make_mqtt_door(const config::DeviceConfig& c, DeviceDeps& d) {
    dev::mqtt_reader::MqttDoorOptions o;
    o.id = c.id;
    o.topic = c.str("topic");
    o.payload = c.str("payload", o.payload);
    return DevicePtr(std::make_unique<dev::mqtt_reader::MqttDoor>(std::move(o), d.bus));
}

core::Result<DevicePtr> make_sim(const config::DeviceConfig& c, DeviceDeps&) {
    dev::sim::SimReaderOptions o;
    o.id = c.id;
    o.taps = c.list("taps");
    o.interval = c.duration("interval", std::chrono::milliseconds(1000));
    o.start_delay = c.duration("start_delay", std::chrono::milliseconds(0));
    o.repeat = c.flag("repeat", false);
    return DevicePtr(std::make_unique<dev::sim::SimReader>(std::move(o)));
}

core::Result<DevicePtr> make_serial_scanner(const config::DeviceConfig& c, DeviceDeps&) {
    dev::scanner::SerialScannerOptions o;
    o.id = c.id;
    o.path = c.str("path");
    o.baud = static_cast<int>(c.integer("baud"));
    const auto parity = c.str("parity", "none");
    o.parity = parity == "even"  ? dev::scanner::Parity::Even
               : parity == "odd" ? dev::scanner::Parity::Odd
                                 : dev::scanner::Parity::None;
    if (c.settings.count("idle_terminator"))
        o.idle_terminator = c.duration("idle_terminator", std::chrono::milliseconds(50));
    o.max_length = static_cast<size_t>(c.integer("max_length", 2048));
    return DevicePtr(std::make_unique<dev::scanner::SerialScanner>(std::move(o)));
}

core::Result<DevicePtr> make_evdev_scanner(const config::DeviceConfig& c, DeviceDeps&) {
    dev::scanner::EvdevScannerOptions o;
    o.id = c.id;
    o.path = c.str("path");
    o.max_length = static_cast<size_t>(c.integer("max_length", 2048));
    return DevicePtr(std::make_unique<dev::scanner::EvdevScanner>(std::move(o)));
}

#ifdef GW_HAVE_NFC
core::Result<DevicePtr> make_libnfc(const config::DeviceConfig& c, DeviceDeps&) {
    dev::nfc::NfcReaderOptions o;
    o.id = c.id;
    o.connstring = c.str("connstring");
    o.poll_interval = c.duration("poll_interval", o.poll_interval);
    o.hold_off = c.duration("hold_off", o.hold_off);
    o.reopen_max = c.duration("reopen_max", o.reopen_max);
    o.reopen_min = std::min(o.reopen_min, o.reopen_max);
    if (c.str("card_security") == "uid") {
        o.security = dev::nfc::CardSecurity::Uid;
        GW_LOG(Warning, "dev." + c.id,
               core::LogLine("card_security=uid: cards are identified by UID alone, which can be "
                             "cloned; use DESFire cards with card_security=desfire where possible"));
    } else {
        auto key = dev::nfc::desfire::load_master_key(c.str("desfire_key_file"));
        if (!key)
            return core::Error{key.error().code, "device " + c.id + ": desfire_key_file " +
                                                     key.error().context};
        o.desfire_master = *key;
    }
    return DevicePtr(std::make_unique<dev::nfc::NfcReader>(std::move(o)));
}
#endif

#ifdef GW_HAVE_GPIOD
core::Result<DevicePtr> make_gpio(const config::DeviceConfig& c, DeviceDeps& d) {
    dev::gpio::GpioDoorOptions o;
    o.id = c.id;
    o.chip = c.str("chip", o.chip);
    o.line = static_cast<unsigned>(c.integer("line"));
    o.active_low = c.flag("active_low", false);
    if (c.settings.count("sensor_line"))
        o.sensor_line = static_cast<unsigned>(c.integer("sensor_line"));
    o.sensor_active_low = c.flag("sensor_active_low", false);
    o.timing.pulse = c.duration("pulse", o.timing.pulse);
    o.timing.held_open = c.duration("held_open", o.timing.held_open);
    o.event_topic = d.base_topic + "/devices/" + c.id + "/event";
    o.timestamp = d.timestamp;
    return DevicePtr(
        std::make_unique<dev::gpio::GpioDoor>(std::move(o), d.bus, dev::gpio::open_gpiod_line));
}
#endif

const std::vector<std::pair<std::string, Factory>>& factories() {
    static const std::vector<std::pair<std::string, Factory>> kFactories = {
        {"mqtt_reader", make_mqtt_reader},
        {"mqtt_door", make_mqtt_door},
        {"sim", make_sim},
        {"hikvision", make_hikvision},
        {"zkteco", make_zkteco},
        {"serial_scanner", make_serial_scanner},
        {"evdev_scanner", make_evdev_scanner},
#ifdef GW_HAVE_NFC
        {"libnfc", make_libnfc},
#endif
#ifdef GW_HAVE_GPIOD
        {"gpio", make_gpio},
#endif
    };
    return kFactories;
}

}  // namespace

core::Result<DevicePtr> DeviceRegistry::build(const config::DeviceConfig& cfg, DeviceDeps& deps) {
    for (const auto& [name, make] : factories())
        if (name == cfg.driver) return make(cfg, deps);
    return core::make_error(std::errc::not_supported,
                            "device " + cfg.id + ": driver '" + cfg.driver +
                                "' is not available in this build");
}

core::Result<std::vector<DevicePtr>> DeviceRegistry::build_all(const config::Config& cfg,
                                                               DeviceDeps& deps) {
    std::vector<DevicePtr> out;
    for (const auto& d : cfg.devices) {
        auto dev = build(d, deps);
        if (!dev) return dev.error();
        out.push_back(std::move(dev.value()));
    }
    return out;
}

std::vector<std::string> DeviceRegistry::drivers() {
    std::vector<std::string> names;
    for (const auto& f : factories()) names.push_back(f.first);
    return names;
}

}  // namespace gw::app
