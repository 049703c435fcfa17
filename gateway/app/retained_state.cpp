#include "retained_state.hpp"

#include "gateway/core/json_writer.hpp"
#include "version.hpp"

namespace gw::app {

RetainedState::RetainedState(std::string base_topic, std::string started_at)
    : base_(std::move(base_topic)), started_at_(std::move(started_at)) {}

void RetainedState::add_device(const std::string& id, const std::string& since) {
    devices_.emplace(id, DeviceState{core::Availability::Unknown, since, "not checked yet"});
}

void RetainedState::remove_devices() { devices_.clear(); }

bool RetainedState::set_availability(const std::string& id, core::Availability a,
                                     const std::string& detail, const std::string& since) {
    auto& s = devices_[id];
    if (s.state == a && s.detail == detail) return false;
    s = DeviceState{a, since, detail};
    publish_availability(id, s);
    return true;
}

void RetainedState::publish_availability(const std::string& id, const DeviceState& s) {
    if (!bus_) return;
    core::JsonWriter w;
    w.begin_object().field("state", core::to_string(s.state)).field("since", s.since);
    w.field("detail", s.detail).end_object();
    bus_->publish(base_ + "/devices/" + id + "/availability", w.take(), 1, true);
}

std::string RetainedState::offline_payload() { return R"({"state":"offline"})"; }

std::string RetainedState::online_payload() const {
    core::JsonWriter w;
    w.begin_object().field("state", "online").field("version", kVersion);
    w.field("started_at", started_at_).end_object();
    return w.take();
}

void RetainedState::publish_all(const InfoFacts& facts) {
    if (!bus_) return;
    bus_->publish(base_ + "/status", online_payload(), 1, true);
    publish_devices();
    publish_info(facts);
}

void RetainedState::publish_devices() {
    for (const auto& [id, s] : devices_) publish_availability(id, s);
}

std::optional<int> RetainedState::publish_status_confirmed() {
    if (!confirmed_) return std::nullopt;
    return confirmed_(base_ + "/status", online_payload());
}

bool RetainedState::publish_info_confirmed(const InfoFacts& facts) {
    return confirmed_ && confirmed_(base_ + "/info", info_payload(facts)).has_value();
}

RetainedState::DeviceCounts RetainedState::count_devices() const {
    DeviceCounts c;
    for (const auto& [id, s] : devices_) {
        (s.state == core::Availability::Online ? c.online
         : s.state == core::Availability::Offline ? c.offline : c.unknown)++;
    }
    return c;
}

std::vector<std::pair<std::string, core::Availability>> RetainedState::device_states() const {
    std::vector<std::pair<std::string, core::Availability>> out;
    for (const auto& [id, s] : devices_) out.emplace_back(id, s.state);
    return out;
}

std::string RetainedState::device_summary() const {
    const auto c = count_devices();
    return std::to_string(c.online) + "/" + std::to_string(c.offline) + "/" +
           std::to_string(c.unknown);
}

std::string RetainedState::eid_summary() const {
    if (!eid_) return {};
    const core::SyncStatus s = eid_();
    if (!s.enabled) return {};
    return std::string(!s.last_attempt ? "starting" : s.failures ? "failing" : "ok") + "|" +
           s.last_error + "|" + std::to_string(s.trust_list_version.value_or(0)) + "|" +
           s.revocations_cursor + "|" + std::to_string(s.revoked.value_or(0));
}

void RetainedState::publish_info(const InfoFacts& f) {
    if (bus_) bus_->publish(base_ + "/info", info_payload(f), 1, true);
}

std::string RetainedState::health_payload(const InfoFacts& f) const {
    core::JsonWriter w;
    w.begin_object().key("info").raw(info_payload(f)).key("devices").begin_array();
    for (const auto& [id, s] : devices_) {
        w.begin_object().field("id", id).field("state", core::to_string(s.state));
        w.field("since", s.since).field("detail", s.detail);
        if (auto c = f.device_counters.find(id); c != f.device_counters.end()) {
            w.key("refused").begin_object();
            for (const auto& counter : c->second) w.field(counter.name, counter.value);
            w.end_object();
        }
        w.end_object();
    }
    w.end_array().end_object();
    return w.take();
}

std::string RetainedState::info_payload(const InfoFacts& f) const {
    const auto [online, offline, unknown] = count_devices();
    core::JsonWriter w;
    w.begin_object().field("version", kVersion).field("config_hash", f.config_hash);
    w.key("roster").begin_object().field("cursor", f.roster_cursor);
    w.key("age_s");
    f.roster_age_s ? w.value(*f.roster_age_s) : w.raw("null");
    w.end_object();
    const core::SyncStatus eid = eid_ ? eid_() : core::SyncStatus{};
    w.key("trust_list_version");
    eid.trust_list_version ? w.value(*eid.trust_list_version) : w.raw("null");
    write_eid(w, eid, f.now_ms);
    w.key("outbox").begin_object().field("depth", f.outbox.depth);
    w.key("oldest_age_s");
    f.outbox.oldest_created_ms ? w.value((f.now_ms - *f.outbox.oldest_created_ms) / 1000)
                               : w.raw("null");
    w.field("dropped", f.outbox.dropped).field("in_memory", f.outbox.in_memory);
    w.field("last_seq", f.last_seq);
    w.key("store_error");
    f.outbox.store_error.empty() ? w.raw("null") : w.value(f.outbox.store_error);
    w.end_object();
    w.key("devices").begin_object().field("total", static_cast<int64_t>(devices_.size()));
    w.field("online", online).field("offline", offline).field("unknown", unknown).end_object();
    w.key("counters").begin_object().field("decisions", f.decisions);
    w.field("malformed", f.malformed).end_object();
    w.end_object();
    return w.take();
}

}  // namespace gw::app

namespace gw::app {

void RetainedState::write_eid(core::JsonWriter& w, const core::SyncStatus& s, int64_t now_ms) {
    w.key("eid");
    if (!s.enabled) {
        w.raw("null");
        return;
    }
    const auto ms = [](core::SysTime t) {
        return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
    };
    w.begin_object().field("state", !s.last_attempt ? "starting" : s.failures ? "failing" : "ok");
    w.key("last_success_age_s");
    s.last_success ? w.value((now_ms - ms(*s.last_success)) / 1000) : w.raw("null");
    w.key("last_error");
    s.last_error.empty() ? w.raw("null") : w.value(s.last_error);
    w.field("failures", s.failures).field("syncs", s.syncs);
    w.field("rejected_records", s.rejected_records);
    w.key("revocations");
    if (s.revoked) {
        w.begin_object().field("cursor", s.revocations_cursor).field("revoked", *s.revoked);
        w.end_object();
    } else {
        w.raw("null");
    }
    w.end_object();
}

}  // namespace gw::app
