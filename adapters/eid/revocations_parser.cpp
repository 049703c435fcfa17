#include "revocations_parser.hpp"

#include "field_checks.hpp"
#include "json_fields.hpp"

namespace gw::adp::eid {
namespace {

core::Error page_error(const std::string& what) {
    return core::make_error(std::errc::bad_message, "revocations: " + what);
}

bool valid_cid(std::string_view s) {
    if (s.empty() || s.size() > kMaxIdBytes) return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

/// Appends the valid cids of the array member `key`; false when it is not an array.
bool read_cids(const Json& j, std::string_view key, std::vector<std::string>& out,
               size_t& rejected) {
    const Json* arr = nullptr;
    const Field f = read_array(j, key, arr);
    if (f != Field::Ok) return f == Field::Absent;
    for (const auto& c : *arr) {
        if (c.is_string() && valid_cid(c.get_ref<const std::string&>()))
            out.push_back(c.get<std::string>());
        else
            ++rejected;
    }
    return true;
}

bool valid_cursor(std::string_view c) {
    return !c.empty() && c.size() <= kMaxCursorBytes && printable(c);
}

}  // namespace

core::Result<core::RevocationPage> parse_revocations(std::string_view json) {
    Json j = Json::parse(json.begin(), json.end(), nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return page_error("not valid JSON");
    if (!j.is_object()) return page_error("not a JSON object");
    core::RevocationPage p;
    if (read_string(j, "cursor", p.cursor) != Field::Ok || !valid_cursor(p.cursor))
        return page_error("\"cursor\" must be a non-empty string");
    if (read_bool(j, "full", p.full) == Field::Bad || read_bool(j, "more", p.more) == Field::Bad)
        return page_error("\"full\" and \"more\" must be booleans");
    if (!read_cids(j, "revoked", p.revoked, p.rejected) ||
        !read_cids(j, "restored", p.restored, p.rejected))
        return page_error("\"revoked\" and \"restored\" must be arrays");
    return p;
}

std::optional<Notification> parse_notification(std::string_view json) {
    Json j = Json::parse(json.begin(), json.end(), nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) return std::nullopt;
    Notification n;
    std::string s;
    if (read_string(j, "cursor", s) == Field::Ok && valid_cursor(s)) n.roster_cursor = s;
    if (read_string(j, "revocations", s) == Field::Ok && valid_cursor(s))
        n.revocations_cursor = s;
    return n;
}

}  // namespace gw::adp::eid
