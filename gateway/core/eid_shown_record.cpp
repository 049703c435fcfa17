#include "eid_shown_record.hpp"

#include "json_writer.hpp"

namespace gw::core {

std::string EidShownRecord::to_json() const {
    JsonWriter w;
    w.begin_object();
    w.field("schema", "campus.eid-shown/1").field("event_id", event_id).field("seq", seq);
    w.field("time", time).field("clock", clock_synced ? "synced" : "unsynced");
    w.field("cid", cid).field("credential_name", credential_name);
    w.key("verifier").begin_object();
    w.field("site", site).field("point", point);
    if (!venue_code.empty()) w.field("venue_code", venue_code);
    w.field("name", point_name);
    w.end_object();
    w.field("service", service).field("decision", allowed ? "allow" : "deny");
    w.field("reason", reason);
    w.end_object();
    return w.take();
}

}  // namespace gw::core
