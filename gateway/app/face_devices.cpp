#include "face_devices.hpp"

#include "adapters/store/face_roster_reader.hpp"
#include "devices/face/hikvision_terminal.hpp"
#include "devices/face/zkteco_terminal.hpp"
#include "gateway/core/access_service.hpp"
#include "secret_file.hpp"

namespace gw::app {

namespace {

using DevicePtr = std::unique_ptr<core::Device>;

core::Result<std::string> optional_secret(const std::string& path) {
    if (path.empty()) return std::string();
    return read_secret_file(path);
}

/// The zones of the points this device feeds: who may be enrolled on it.
std::vector<core::Zone> zones_of(const config::Config& cfg, const std::string& device) {
    std::vector<core::Zone> out;
    for (const auto& p : cfg.points)
        if (p.device_id == device)
            if (const auto* z = cfg.zone(p.zone_id)) out.push_back(*z);
    return out;
}

core::Result<dev::face::EnrolmentContext> enrolment_context(const config::DeviceConfig& c,
                                                            DeviceDeps& deps) {
    dev::face::EnrolmentContext ctx;
    ctx.bus = &deps.bus;
    ctx.sync_interval = c.duration("sync_interval", std::chrono::minutes(5));
    if (!deps.config) return ctx;  // no roster: no enrolment sync
    const auto& cfg = *deps.config;
    ctx.zones = zones_of(cfg, c.id);
    const std::string db = cfg.gateway.state_dir + "/campusgw.db";
    ctx.open_roster = [db]() -> core::Result<std::unique_ptr<core::FaceRoster>> {
        auto r = adp::store::FaceRosterReader::open(db);
        if (!r) return r.error();
        return std::unique_ptr<core::FaceRoster>(std::move(r.value()));
    };
    ctx.event_topic = core::GatewayIdentity{cfg.site.id, cfg.gateway.id}.base_topic() +
                      "/devices/" + c.id + "/event";
    if (cfg.eid.enabled) {
        ctx.photo_base = cfg.eid.url;
        auto token = optional_secret(cfg.eid.token_file);
        if (!token) return core::Error{token.error().code, "eid token_file " + token.error().context};
        ctx.photo_token = token.value();
    }
    return ctx;
}

core::Result<dev::face::PushListenerOptions> push_options(const config::DeviceConfig& c) {
    dev::face::PushListenerOptions o;
    o.channel = "dev." + c.id;
    o.listen = c.str("push_listen");
    o.allow_from = c.list("allow_from");
    o.digest_user = c.str("push_username");
    auto pw = optional_secret(c.str("push_password_file"));
    if (!pw) return core::Error{pw.error().code, "device " + c.id + ": push_password_file " + pw.error().context};
    o.digest_password = pw.value();
    return o;
}

}  // namespace

core::Result<DevicePtr> make_hikvision(const config::DeviceConfig& c, DeviceDeps& deps) {
    dev::face::HikvisionOptions o;
    o.id = c.id;
    o.api.base_url = c.str("address");
    o.api.username = c.str("username");
    auto pw = optional_secret(c.str("password_file"));
    if (!pw) return core::Error{pw.error().code, "device " + c.id + ": password_file " + pw.error().context};
    o.api.password = pw.value();
    o.api.timeout = c.duration("request_timeout", std::chrono::seconds(5));
    o.door = static_cast<int>(c.integer("door", 1));
    if (c.settings.count("min_face_score")) o.min_face_score = c.number("min_face_score");
    auto push = push_options(c);
    if (!push) return push.error();
    o.push = std::move(push.value());
    o.push.path_prefix = c.str("push_path", "/");
    o.card_decimal = c.str("card_number", "decimal") == "decimal";
    o.poll_interval = c.duration("poll_interval", std::chrono::seconds(30));
    const auto rc = c.str("remote_check", "auto");
    o.remote_check = rc == "always" ? dev::face::RemoteCheckMode::Always
                     : rc == "off"  ? dev::face::RemoteCheckMode::Off
                                    : dev::face::RemoteCheckMode::Auto;
    o.remote_check_timeout = c.duration("remote_check_timeout", std::chrono::seconds(3));
    o.enrol.device_id = c.id;
    o.enrol.door = o.door;
    o.enrol.fdid = c.str("face_library", "1");
    o.enrol.photo.max_bytes = static_cast<size_t>(c.integer("max_photo_bytes", 200 * 1024));
    auto ctx = enrolment_context(c, deps);
    if (!ctx) return ctx.error();
    return DevicePtr(std::make_unique<dev::face::HikvisionTerminal>(std::move(o), std::move(ctx.value())));
}

core::Result<DevicePtr> make_zkteco(const config::DeviceConfig& c, DeviceDeps& deps) {
    dev::face::ZktecoOptions o;
    o.id = c.id;
    o.serial_number = c.str("serial_number");
    auto push = push_options(c);
    if (!push) return push.error();
    o.push = std::move(push.value());
    o.push.path_prefix = "/iclock/";
    o.poll_interval = std::chrono::duration_cast<std::chrono::seconds>(
        c.duration("poll_interval", std::chrono::seconds(10)));
    auto ctx = enrolment_context(c, deps);
    if (!ctx) return ctx.error();
    return DevicePtr(std::make_unique<dev::face::ZktecoTerminal>(std::move(o), std::move(ctx.value())));
}

}  // namespace gw::app
