#include "timetable_parser.hpp"

#include <optional>
#include <string>

#include "field_checks.hpp"
#include "json_fields.hpp"
#include "rfc3339.hpp"

namespace gw::adp::eid {
namespace {

core::Error timetable_error(const std::string& what) {
    return core::make_error(std::errc::bad_message, "timetable: " + what);
}

std::optional<core::SysTime> read_time(const Json& j, std::string_view key) {
    std::string s;
    if (read_string(j, key, s) != Field::Ok) return std::nullopt;
    return parse_rfc3339(s);
}

bool read_points(const Json& j, std::vector<std::string>& out) {
    const Json* arr = nullptr;
    if (read_array(j, "points", arr) != Field::Ok || arr->empty()) return false;
    out.reserve(arr->size());
    for (const auto& p : *arr) {
        if (!p.is_string() || !valid_id(p.get_ref<const std::string&>())) return false;
        out.push_back(p.get<std::string>());
    }
    return true;
}

std::optional<core::Session> parse_session(const Json& j) {
    if (!j.is_object()) return std::nullopt;
    core::Session s;
    if (read_string(j, "id", s.id) != Field::Ok || !valid_id(s.id)) return std::nullopt;
    const Field title = read_string(j, "title", s.title);
    if (title == Field::Bad || s.title.size() > kMaxNameBytes) return std::nullopt;
    if (read_string(j, "group", s.group) != Field::Ok || !valid_name(s.group))
        return std::nullopt;
    if (!read_points(j, s.points)) return std::nullopt;
    auto start = read_time(j, "start");
    auto end = read_time(j, "end");
    if (!start || !end || *end <= *start) return std::nullopt;
    s.start = *start;
    s.end = *end;
    return s;
}

}  // namespace

core::Result<std::vector<core::Session>> parse_timetable(std::string_view json,
                                                         size_t* rejected) {
    const Json j = Json::parse(json.begin(), json.end(), nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return timetable_error("not valid JSON");
    if (!j.is_object()) return timetable_error("not a JSON object");
    const Json* arr = nullptr;
    const Field f = read_array(j, "sessions", arr);
    if (f == Field::Absent) return timetable_error("missing sessions");
    if (f == Field::Bad) return timetable_error("sessions is not an array");
    std::vector<core::Session> out;
    out.reserve(arr->size());
    size_t bad = 0;
    for (const auto& sj : *arr) {
        if (auto s = parse_session(sj)) out.push_back(std::move(*s));
        else ++bad;
    }
    if (rejected) *rejected = bad;
    return out;
}

}  // namespace gw::adp::eid
