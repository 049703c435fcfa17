#include "roster_page_parser.hpp"

#include <optional>
#include <string>

#include "field_checks.hpp"
#include "gateway/core/civil_time.hpp"
#include "json_fields.hpp"

namespace gw::adp::eid {
namespace {

core::Error page_error(const std::string& what) {
    return core::make_error(std::errc::bad_message, "roster page: " + what);
}

/// A required string member accepted by `check`.
bool required(const Json& obj, std::string_view key, bool (*check)(std::string_view),
              std::string& out) {
    return read_string(obj, key, out) == Field::Ok && check(out);
}

/// Optional YYYY-MM-DD: absent keeps `out`.
bool optional_date(const Json& obj, std::string_view key, int32_t& out) {
    std::string s;
    const Field f = read_string(obj, key, s);
    if (f == Field::Absent) return true;
    if (f == Field::Bad) return false;
    auto d = core::parse_date(s);
    if (!d) return false;
    out = *d;
    return true;
}

bool read_groups(const Json& obj, std::vector<std::string>& out) {
    const Json* arr = nullptr;
    const Field f = read_array(obj, "groups", arr);
    if (f != Field::Ok) return f == Field::Absent;
    out.reserve(arr->size());
    for (const auto& g : *arr) {
        if (!g.is_string() || !valid_name(g.get_ref<const std::string&>())) return false;
        out.push_back(g.get<std::string>());
    }
    return true;
}

std::optional<core::Person> parse_person(const Json& j) {
    if (!j.is_object()) return std::nullopt;
    core::Person p;
    std::string role, status;
    if (!required(j, "id", valid_id, p.id) || !required(j, "role", valid_name, role) ||
        !required(j, "status", valid_name, status))
        return std::nullopt;
    auto r = core::parse_role(role);
    auto s = core::parse_person_status(status);
    if (!r || !s) return std::nullopt;
    p.role = *r;
    p.status = *s;
    if (!read_groups(j, p.groups)) return std::nullopt;
    if (!optional_date(j, "valid_from", p.valid_from) ||
        !optional_date(j, "valid_to", p.valid_to) || p.valid_from > p.valid_to)
        return std::nullopt;
    const Field d = read_string(j, "display", p.display);
    if (d == Field::Bad || p.display.size() > kMaxNameBytes) return std::nullopt;
    return p;
}

bool needs_uid(core::CredentialKind k) {
    return k == core::CredentialKind::NfcUid || k == core::CredentialKind::Desfire;
}

std::optional<core::RosterCredential> parse_credential(const Json& j) {
    if (!j.is_object()) return std::nullopt;
    core::RosterCredential rc;
    core::Credential& c = rc.credential;
    std::string kind, status;
    if (!required(j, "id", valid_id, c.id) || !required(j, "person", valid_id, c.person_id) ||
        !required(j, "kind", valid_name, kind) || !required(j, "status", valid_name, status))
        return std::nullopt;
    auto k = core::parse_credential_kind(kind);
    auto s = core::parse_credential_status(status);
    if (!k || !s) return std::nullopt;
    c.kind = *k;
    c.status = *s;
    if (needs_uid(c.kind)) {
        std::string uid;
        if (read_string(j, "uid", uid) != Field::Ok) return std::nullopt;
        auto norm = normalise_uid(uid);
        if (!norm) return std::nullopt;
        rc.uid = std::move(*norm);
    }
    const Field photo = read_string(j, "photo_url", c.photo_url);
    if (photo == Field::Bad || c.photo_url.size() > kMaxNameBytes || !printable(c.photo_url))
        return std::nullopt;
    return rc;
}

/// Ids listed in deleted.{key}; bad entries are counted.
bool parse_deleted_list(const Json& deleted, std::string_view key,
                        std::vector<std::string>& out, size_t& rejected) {
    const Json* arr = nullptr;
    const Field f = read_array(deleted, key, arr);
    if (f != Field::Ok) return f == Field::Absent;
    for (const auto& v : *arr) {
        if (v.is_string() && valid_id(v.get_ref<const std::string&>()))
            out.push_back(v.get<std::string>());
        else
            ++rejected;
    }
    return true;
}

core::Status parse_header(const Json& j, core::RosterPage& page) {
    if (!j.is_object()) return page_error("not a JSON object");
    const Field cursor = read_string(j, "cursor", page.cursor);
    if (cursor == Field::Absent) return page_error("missing cursor");
    if (cursor == Field::Bad || page.cursor.empty() || page.cursor.size() > kMaxCursorBytes ||
        !printable(page.cursor))
        return page_error("bad cursor");
    if (read_string(j, "site", page.site) == Field::Bad) return page_error("site is not a string");
    if (read_bool(j, "full", page.full) == Field::Bad) return page_error("full is not a boolean");
    if (read_bool(j, "more", page.more) == Field::Bad) return page_error("more is not a boolean");
    return core::Ok{};
}

core::Result<core::RosterPage> parse_page(const Json& j) {
    core::RosterPage page;
    if (auto st = parse_header(j, page); !st) return st.error();
    const Json* persons = nullptr;
    const Json* creds = nullptr;
    if (read_array(j, "persons", persons) == Field::Bad)
        return page_error("persons is not an array");
    if (read_array(j, "credentials", creds) == Field::Bad)
        return page_error("credentials is not an array");
    if (const Json* deleted = member(j, "deleted")) {
        if (!deleted->is_object()) return page_error("deleted is not an object");
        if (!parse_deleted_list(*deleted, "persons", page.deleted_persons, page.rejected))
            return page_error("deleted.persons is not an array");
        if (!parse_deleted_list(*deleted, "credentials", page.deleted_credentials, page.rejected))
            return page_error("deleted.credentials is not an array");
    }
    if (persons) {
        page.persons.reserve(persons->size());
        for (const auto& pj : *persons) {
            if (auto p = parse_person(pj)) page.persons.push_back(std::move(*p));
            else ++page.rejected;
        }
    }
    if (creds) {
        page.credentials.reserve(creds->size());
        for (const auto& cj : *creds) {
            if (auto c = parse_credential(cj)) page.credentials.push_back(std::move(*c));
            else ++page.rejected;
        }
    }
    return page;
}

core::Result<Json> parse_json(std::string_view text) {
    Json j = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return page_error("not valid JSON");
    return j;
}

}  // namespace

core::Result<core::RosterPage> parse_roster_page(std::string_view json) {
    auto j = parse_json(json);
    if (!j) return j.error();
    return parse_page(j.value());
}

core::Result<std::vector<core::RosterPage>> parse_roster_file(std::string_view json) {
    auto j = parse_json(json);
    if (!j) return j.error();
    std::vector<core::RosterPage> pages;
    if (!j->is_array()) {
        auto p = parse_page(j.value());
        if (!p) return p.error();
        pages.push_back(std::move(p.value()));
        return pages;
    }
    if (j->empty()) return page_error("empty array of pages");
    pages.reserve(j->size());
    for (size_t i = 0; i < j->size(); ++i) {
        auto p = parse_page((*j)[i]);
        if (!p) {
            core::Error e = p.error();
            e.context = "page " + std::to_string(i + 1) + ": " + e.context;
            return e;
        }
        pages.push_back(std::move(p.value()));
    }
    return pages;
}

}  // namespace gw::adp::eid
