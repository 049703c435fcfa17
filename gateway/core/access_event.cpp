#include "access_event.hpp"

#include "json_writer.hpp"

namespace gw::core {

namespace {

void write_zone_fields(JsonWriter& w, const Decision& d) {
    if (d.meal) {
        w.key("meal").begin_object();
        w.field("window", d.meal->window).field("count", d.meal->count);
        w.end_object();
    }
    if (d.attendance) {
        w.key("attendance").begin_object();
        w.field("session", d.attendance->session).field("status", d.attendance->status);
        w.end_object();
    }
    if (d.venue) {
        w.key("venue").begin_object();
        w.field("code", d.venue->code).field("category", d.venue->category);
        w.end_object();
    }
}

}  // namespace

std::string AccessEvent::to_json() const {
    JsonWriter w;
    w.begin_object();
    w.field("schema", "campus.access/1").field("event_id", event_id).field("seq", seq);
    w.field("time", time).field("clock", clock_synced ? "synced" : "unsynced");
    w.field("site", site).field("gateway", gateway).field("point", point).field("zone", zone);
    w.field("zone_kind", to_string(zone_kind)).field("direction", to_string(direction));
    w.field("device", device);
    w.key("credential").begin_object();
    w.field("kind", decision.credential_kind).field("ref", decision.credential_ref);
    w.end_object();
    if (decision.person) {
        w.key("person").begin_object();
        w.field("id", decision.person->id).field("role", to_string(decision.person->role));
        w.end_object();
    }
    w.field("decision", decision.allowed() ? "allow" : "deny");
    w.field("reason", to_string(decision.reason));
    w.field("mode", decision.mode == DecisionMode::Local ? "local" : "degraded");
    w.key("flags").begin_array();
    for (const auto& f : decision.flags) w.value(f);
    w.end_array();
    write_zone_fields(w, decision);
    w.field("latency_us", latency_us);
    w.end_object();
    return w.take();
}

std::string AccessEvent::topic_suffix() const {
    std::string t = "access/";
    t += to_string(zone_kind);
    t += '/';
    t += point;
    return t;
}

}  // namespace gw::core
