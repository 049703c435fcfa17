#include "access_event_view.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace gw::dev::sim::tools {

namespace {

using nlohmann::json;

std::string text(const json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end()) return {};
    if (it->is_string()) return it->get<std::string>();
    return it->dump();
}

void read_zone_objects(const json& j, AccessEventView& v) {
    if (auto m = j.find("meal"); m != j.end() && m->is_object())
        v.meal = text(*m, "window") + " #" + text(*m, "count");
    if (auto a = j.find("attendance"); a != j.end() && a->is_object())
        v.attendance = text(*a, "session") + " " + text(*a, "status");
    if (auto ve = j.find("venue"); ve != j.end() && ve->is_object())
        v.venue = text(*ve, "category") + " " + text(*ve, "code");
}

}  // namespace

bool AccessEventView::has_flag(std::string_view f) const {
    return std::find(flags.begin(), flags.end(), f) != flags.end();
}

std::optional<AccessEventView> AccessEventView::parse(std::string_view payload) {
    const json j = json::parse(payload, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object() || !j.contains("decision") || !j.contains("reason")) return std::nullopt;
    AccessEventView v;
    v.time = text(j, "time");
    v.point = text(j, "point");
    v.zone_kind = text(j, "zone_kind");
    v.decision = text(j, "decision");
    v.reason = text(j, "reason");
    if (auto p = j.find("person"); p != j.end() && p->is_object()) {
        v.person = text(*p, "id");
        v.role = text(*p, "role");
    }
    if (auto f = j.find("flags"); f != j.end() && f->is_array())
        for (const auto& e : *f)
            if (e.is_string()) v.flags.push_back(e.get<std::string>());
    read_zone_objects(j, v);
    if (auto l = j.find("latency_us"); l != j.end() && l->is_number_integer())
        v.latency_us = l->get<int64_t>();
    return v;
}

}  // namespace gw::dev::sim::tools
