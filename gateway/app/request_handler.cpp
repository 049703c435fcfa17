#include "request_handler.hpp"

#include <nlohmann/json.hpp>

#include "gateway/core/json_writer.hpp"
#include "gateway/core/log.hpp"

namespace gw::app {
namespace {

using nlohmann::json;
constexpr std::string_view kChan = "app.request";

/// What an op produced: an error message (empty: ok) and a JSON `data` value (may be empty).
struct Reply {
    std::string error;
    std::string data;
    bool malformed = false;
};

Reply malformed(std::string why) { return {"malformed request: " + std::move(why), {}, true}; }

/// A required string field, non-empty and at most 128 bytes.
const std::string* string_field(const json& req, const char* key) {
    const auto it = req.find(key);
    if (it == req.end() || !it->is_string()) return nullptr;
    const auto& s = it->get_ref<const std::string&>();
    return s.empty() || s.size() > 128 ? nullptr : &s;
}

Reply door_open(RequestDeps& d, const json& req) {
    const std::string* point = string_field(req, "point");
    const auto exp = req.find("expires");
    if (!point) return malformed("\"point\" must be a point id");
    if (exp == req.end() || !exp->is_number_integer())
        return malformed("\"expires\" must be Unix seconds");
    const std::string* sig = string_field(req, "sig");
    DoorOpenRequest r{req.at("transaction").get<std::string>(), *point, exp->get<int64_t>(),
                      sig ? *sig : std::string()};
    if (auto why = d.doors.check(r, d.clock.now()); !why.empty()) {
        GW_LOG(Warning, kChan, core::LogLine("door/open refused").kv("point", *point).kv("why", why));
        return {"refused: " + why, {}};
    }
    if (auto why = d.open_door(*point); !why.empty()) return {why, {}};
    GW_LOG(Notice, kChan, core::LogLine("door opened by request").kv("point", *point)
                              .kv("transaction", r.transaction));
    return {};
}

void write_person(core::JsonWriter& w, const core::Person& p) {
    w.key("person").begin_object().field("id", p.id).field("role", core::to_string(p.role));
    w.field("status", core::to_string(p.status)).key("groups").begin_array();
    for (const auto& g : p.groups) w.value(g);
    w.end_array().end_object();
}

Reply lookup(RequestDeps& d, const json& req) {
    const std::string* ref = string_field(req, "credential_ref");
    const std::string* person_id = string_field(req, "person");
    if (!ref == !person_id) return malformed("give exactly one of \"credential_ref\", \"person\"");
    core::JsonWriter w;
    w.begin_object();
    std::optional<core::Credential> cred;
    if (ref) {
        cred = d.roster.find_by_ref(*ref);
        if (!cred) return {"no credential with that ref", {}};
        w.key("credential").begin_object().field("ref", cred->ref);
        w.field("kind", core::to_string(cred->kind)).field("status", core::to_string(cred->status));
        w.end_object();
    }
    const auto person = d.roster.find_person(cred ? cred->person_id : *person_id);
    if (!person) return {"no such person in the roster", {}};
    write_person(w, *person);
    w.end_object();
    return {{}, w.take()};
}

Reply dispatch(RequestDeps& d, const std::string& op, const json& req) {
    if (op == "health") return {{}, d.health()};
    if (op == "reload") return {d.reload(), {}};
    if (op == "door/open") return door_open(d, req);
    if (op == "lookup") return lookup(d, req);
    if (op == "sync") {
        if (!d.sync) return {"no e-ID sync configured ([eid] is missing)", {}};
        return {d.sync(), {}};
    }
    return {"unknown op \"" + op + "\"", {}};
}

}  // namespace

void RequestHandler::handle(const std::string& op, const std::string& payload) {
    if (op.empty() || op.size() > kMaxOp) {
        ++stats_.errors;
        ++stats_.malformed;
        GW_LOG(Warning, kChan, core::LogLine("request ignored: bad op").kv("bytes", static_cast<long long>(op.size())));
        return;
    }
    Reply r;
    json req;
    if (payload.size() > kMaxPayload) {
        r = malformed("larger than " + std::to_string(kMaxPayload) + " bytes");
    } else {
        req = json::parse(payload, nullptr, /*allow_exceptions=*/false);
        if (!req.is_object()) r = malformed("not a JSON object");
        else if (!string_field(req, "transaction")) r = malformed("\"transaction\" must be a string");
        else r = dispatch(deps_, op, req);
    }
    const std::string* transaction = req.is_object() ? string_field(req, "transaction") : nullptr;
    (r.error.empty() ? stats_.ok : stats_.errors)++;
    if (r.malformed) ++stats_.malformed;
    respond(op, transaction, r.error, r.data);
}

void RequestHandler::respond(const std::string& op, const std::string* transaction,
                             const std::string& error, const std::string& data) {
    core::JsonWriter w;
    w.begin_object().key("transaction");
    transaction ? w.value(*transaction) : w.raw("null");
    w.field("status", error.empty() ? "ok" : "error");
    w.key("data");
    data.empty() ? w.raw("null") : w.raw(data);
    w.key("error");
    error.empty() ? w.raw("null") : w.value(error);
    w.end_object();
    deps_.bus.publish(deps_.base_topic + "/response/" + op, w.take(), 1, false);
}

}  // namespace gw::app
