#include "gpio_door.hpp"

#include "gateway/core/json_writer.hpp"
#include "gateway/core/log.hpp"

namespace gw::dev::gpio {

using Ms = std::chrono::milliseconds;
using SteadyClock = std::chrono::steady_clock;

GpioDoor::GpioDoor(GpioDoorOptions opts, core::MessageBus& bus, LineOpener open_line)
    : opts_(std::move(opts)), bus_(bus), open_line_(std::move(open_line)) {}

GpioDoor::~GpioDoor() {
    stop();
}

void GpioDoor::start(core::DeviceEvents& events) {
    {
        std::lock_guard lk(mu_);
        stopping_ = false;
    }
    thread_ = std::thread([this, &events] { run(events); });
}

void GpioDoor::stop() {
    {
        std::lock_guard lk(mu_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
    std::lock_guard lk(mu_);
    release();
}

void GpioDoor::open_door() {
    std::optional<DoorAlarm> fault;
    {
        std::lock_guard lk(mu_);
        if (!door_) {
            GW_LOG(Warning, "dev." + opts_.id, core::LogLine("open refused: door output offline"));
            return;
        }
        fault = door_->open(SteadyClock::now());
    }
    if (fault) publish(*fault);
}

bool GpioDoor::wait(Ms d) {
    std::unique_lock lk(mu_);
    return !cv_.wait_for(lk, d, [this] { return stopping_; });
}

void GpioDoor::run(core::DeviceEvents& events) {
    bool online = false;
    do {
        std::vector<DoorAlarm> alarms;
        {
            std::lock_guard lk(mu_);
            if (!door_) online = false;
            if (!door_ && !try_acquire(events)) continue;
            online = true;
            alarms = door_->tick(SteadyClock::now());
        }
        for (auto a : alarms) publish(a);
    } while (wait(online ? opts_.tick : opts_.retry));
}

bool GpioDoor::try_acquire(core::DeviceEvents& events) {
    const std::string chan = "dev." + opts_.id;
    if (auto st = acquire(); !st) {
        release();
        if (!offline_logged_)
            GW_LOG(
                Warning, chan,
                core::LogLine("door output unavailable; retrying").kv("err", st.error().message()));
        offline_logged_ = true;
        events.availability(opts_.id, core::Availability::Offline, st.error().message());
        return false;
    }
    offline_logged_ = false;
    events.availability(opts_.id, core::Availability::Online,
                        opts_.chip + " line " + std::to_string(opts_.line));
    GW_LOG(Notice, chan,
           core::LogLine("door output ready")
               .kv("chip", opts_.chip)
               .kv("line", static_cast<long long>(opts_.line)));
    return true;
}

core::Status GpioDoor::acquire() {
    const std::string consumer = "campusgw:" + opts_.id;
    auto relay = open_line_({opts_.chip, opts_.line, true, opts_.active_low, consumer});
    if (!relay) return relay.error();
    if (opts_.sensor_line) {
        auto sensor =
            open_line_({opts_.chip, *opts_.sensor_line, false, opts_.sensor_active_low, consumer});
        if (!sensor) return sensor.error();
        sensor_ = std::move(sensor.value());
    }
    relay_ = std::move(relay.value());
    door_ = std::make_unique<DoorController>(*relay_, sensor_.get(), opts_.timing);
    return core::Ok{};
}

void GpioDoor::release() {
    if (relay_) (void)relay_->set(false);  // never leave a door unlocked behind us
    door_.reset();
    sensor_.reset();
    relay_.reset();
}

void GpioDoor::publish(DoorAlarm a) {
    GW_LOG(Warning, "dev." + opts_.id, core::LogLine("door alarm").kv("event", to_string(a)));
    core::JsonWriter w;
    w.begin_object().field("schema", "campus.device-event/1").field("device", opts_.id);
    w.field("event", to_string(a));
    if (opts_.timestamp) w.field("time", opts_.timestamp());
    w.end_object();
    bus_.publish(opts_.event_topic, w.take(), 1, false);
}

}  // namespace gw::dev::gpio
