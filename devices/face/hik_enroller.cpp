#include "hik_enroller.hpp"

#include <nlohmann/json.hpp>

#include "gateway/core/civil_time.hpp"
#include "gateway/core/log.hpp"

namespace gw::dev::face {

namespace {

using json = nlohmann::json;
constexpr const char* kJson = "application/json";
constexpr int kPageSize = 30;

json user_info(const core::FaceEnrolment& e, int door) {
    const auto& p = e.person;
    const std::string begin = p.valid_from == INT32_MIN ? "2000-01-01" : core::format_date(p.valid_from);
    const std::string end = p.valid_to == INT32_MAX ? "2037-12-31" : core::format_date(p.valid_to);
    return {{"UserInfo",
             {{"employeeNo", p.id},
              {"name", p.display.empty() ? std::string("-") : p.display},
              {"userType", "normal"},
              {"Valid", {{"enable", true}, {"beginTime", begin + "T00:00:00"},
                         {"endTime", end + "T23:59:59"}, {"timeType", "local"}}},
              {"doorRight", std::to_string(door)},
              {"RightPlan", json::array({{{"doorNo", door}, {"planTemplateNo", "1"}}})}}}};
}

std::string face_multipart(const std::string& boundary, const std::string& record,
                           const std::string& jpeg) {
    std::string b;
    b.reserve(jpeg.size() + record.size() + 256);
    b += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"FaceDataRecord\"\r\n"
         "Content-Type: application/json\r\n\r\n" + record + "\r\n";
    b += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"FaceImage\"; "
         "filename=\"face.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n";
    b += jpeg;
    b += "\r\n--" + boundary + "--\r\n";
    return b;
}

/// Overwrites and frees a buffer that held a photo.
void wipe(std::string& s) {
    std::fill(s.begin(), s.end(), '\0');
    s.clear();
    s.shrink_to_fit();
}

}  // namespace

bool isapi_ok(const HttpResponse& r) {
    if (r.status != 200) return false;
    json doc = json::parse(r.body, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("statusCode")) return true;
    return doc["statusCode"] == 1;
}

std::string isapi_error(const HttpResponse& r) {
    json doc = json::parse(r.body, nullptr, false);
    if (!doc.is_discarded() && doc.is_object() && doc.contains("subStatusCode") &&
        doc["subStatusCode"].is_string())
        return doc["subStatusCode"].get<std::string>();
    return "http_" + std::to_string(r.status);
}

core::Result<std::set<std::string>> HikEnroller::terminal_persons() {
    std::set<std::string> out;
    for (int pos = 0, pages = 0; pages < 10000; ++pages) {
        json cond = {{"UserInfoSearchCond", {{"searchID", "campusgw-sync"},
                                             {"searchResultPosition", pos},
                                             {"maxResults", kPageSize}}}};
        auto r = api_.request("POST", "/ISAPI/AccessControl/UserInfo/Search?format=json", kJson,
                              cond.dump());
        if (!r) return r.error();
        json doc = json::parse(r->body, nullptr, false);
        if (r->status != 200 || doc.is_discarded() || !doc.contains("UserInfoSearch"))
            return core::make_error(std::errc::protocol_error, "UserInfo/Search " + isapi_error(*r));
        const auto& s = doc["UserInfoSearch"];
        const auto users = s.value("UserInfo", json::array());
        for (const auto& u : users)
            if (u.is_object() && u.contains("employeeNo") && u["employeeNo"].is_string())
                out.insert(u["employeeNo"].get<std::string>());
        if (s.value("responseStatusStrg", "") != "MORE" || users.empty()) return out;
        pos += static_cast<int>(users.size());
    }
    return out;
}

bool HikEnroller::add_person(const core::FaceEnrolment& e) {
    auto r = api_.request("POST", "/ISAPI/AccessControl/UserInfo/Record?format=json", kJson,
                          user_info(e, opts_.door).dump());
    if (r && isapi_ok(*r)) return true;
    GW_LOG(Warning, "dev." + opts_.device_id,
           core::LogLine("person not added").kv("ref", e.credential.ref)
               .kv("why", r ? isapi_error(*r) : r.error().message()));
    return false;
}

bool HikEnroller::remove_person(const std::string& employee_no) {
    json del = {{"UserInfoDelCond", {{"EmployeeNoList", json::array({{{"employeeNo", employee_no}}})}}}};
    auto r = api_.request("PUT", "/ISAPI/AccessControl/UserInfo/Delete?format=json", kJson, del.dump());
    return r && isapi_ok(*r);
}

bool HikEnroller::delete_face(const std::string& employee_no) {
    json del = {{"FPID", json::array({{{"value", employee_no}}})}};
    auto r = api_.request("PUT", "/ISAPI/Intelligent/FDLib/FDSearch/Delete?format=json&FDID=" +
                                     opts_.fdid + "&faceLibType=blackFD",
                          kJson, del.dump());
    return r && isapi_ok(*r);
}

void HikEnroller::refuse(const core::FaceEnrolment& e, const std::string& reason,
                         const std::string& detail, SyncStats& stats) {
    ++stats.refused;
    refused_[e.credential.id] = e.credential.photo_url;
    GW_LOG(Warning, "dev." + opts_.device_id, core::LogLine("face enrolment refused")
                                                  .kv("ref", e.credential.ref).kv("reason", reason)
                                                  .kv("detail", detail));
    ctx_.publish(opts_.device_id, "enrolment_refused",
                 {{"credential_ref", e.credential.ref}, {"reason", reason}, {"detail", detail}});
}

bool HikEnroller::enrol_face(const core::FaceEnrolment& e, SyncStats& stats) {
    auto rf = refused_.find(e.credential.id);
    if (rf != refused_.end() && rf->second == e.credential.photo_url) return false;
    auto [url, with_token] = ctx_.resolve(e.credential.photo_url);
    if (url.empty()) {
        refuse(e, "photo_missing", "no photo_url that can be fetched", stats);
        return false;
    }
    // One byte over the limit is enough to know the photo is too large.
    auto got = HttpClient::fetch(url, opts_.photo.max_bytes * 4 + 1,
                                 with_token ? ctx_.photo_token : std::string(), opts_.fetch_timeout);
    if (!got && got.error().code == std::errc::file_too_large) {
        refuse(e, "photo_too_large", "larger than " + std::to_string(opts_.photo.max_bytes) + " bytes", stats);
        return false;
    }
    if (!got || got->status != 200) {
        ++stats.failed;  // transient: retried at the next sync
        GW_LOG(Warning, "dev." + opts_.device_id,
               core::LogLine("photo fetch failed").kv("ref", e.credential.ref)
                   .kv("why", got ? "http " + std::to_string(got->status) : got.error().message()));
        return false;
    }
    std::string jpeg = std::move(got->body);
    const auto verdict = check_photo(jpeg, opts_.photo);
    if (!verdict.ok) {
        wipe(jpeg);
        refuse(e, verdict.reason, verdict.detail, stats);
        return false;
    }
    const json record = {{"faceLibType", "blackFD"}, {"FDID", opts_.fdid}, {"FPID", e.person.id}};
    const std::string boundary = "campusgw-face-boundary";
    std::string body = face_multipart(boundary, record.dump(), jpeg);
    wipe(jpeg);
    auto r = api_.request("POST", "/ISAPI/Intelligent/FDLib/FaceDataRecord?format=json",
                          "multipart/form-data; boundary=" + boundary, body);
    wipe(body);
    if (r && isapi_ok(*r)) {
        ++stats.faces;
        enrolled_[e.person.id] = e.credential.id;
        return true;
    }
    if (r && r->status < 500) refuse(e, "terminal_refused", isapi_error(*r), stats);
    else ++stats.failed;
    return false;
}

std::optional<std::vector<core::FaceEnrolment>> HikEnroller::wanted() {
    const std::string chan = "dev." + opts_.device_id;
    if (!roster_) {
        auto opened = ctx_.open_roster();
        if (!opened) {
            GW_LOG(Err, chan, core::LogLine("enrolment sync: roster unavailable")
                                  .kv("why", opened.error().message()));
            return std::nullopt;
        }
        roster_ = std::move(opened.value());
    }
    auto all = roster_->face_enrolments();
    if (!all) {
        GW_LOG(Err, chan, core::LogLine("enrolment sync: roster read failed")
                              .kv("why", all.error().message()));
        return std::nullopt;
    }
    return core::terminal_members(*all, ctx_.zones);
}

void HikEnroller::reconcile(const std::vector<core::FaceEnrolment>& wanted,
                            const std::set<std::string>& present, SyncStats& stats) {
    std::set<std::string> wanted_ids;
    for (const auto& e : wanted) wanted_ids.insert(e.person.id);
    for (const auto& id : present) {
        if (wanted_ids.count(id)) continue;
        const bool ok = remove_person(id);
        ++(ok ? stats.removed : stats.failed);
        if (ok) enrolled_.erase(id);
    }
    for (const auto& e : wanted) {
        if (!present.count(e.person.id)) {
            if (!add_person(e)) {
                ++stats.failed;
                continue;
            }
            ++stats.added;
            if (!enrol_face(e, stats)) enrolled_[e.person.id] = "";  // on it, without a face
            continue;
        }
        auto it = enrolled_.find(e.person.id);
        if (it == enrolled_.end()) {
            enrolled_[e.person.id] = e.credential.id;  // there before this run: adopted
        } else if (it->second != e.credential.id && !e.credential.photo_url.empty()) {
            if (!it->second.empty()) delete_face(e.person.id);
            if (enrol_face(e, stats)) continue;
        }
    }
}

SyncStats HikEnroller::sync() {
    SyncStats stats;
    const std::string chan = "dev." + opts_.device_id;
    auto want = wanted();
    if (!want) return stats;
    auto present = terminal_persons();
    if (!present) {
        GW_LOG(Warning, chan, core::LogLine("enrolment sync: terminal list unavailable")
                                  .kv("why", present.error().message()));
        ++stats.failed;
        return stats;
    }
    reconcile(*want, *present, stats);
    if (stats.added || stats.removed || stats.faces || stats.refused || stats.failed)
        GW_LOG(Notice, chan, core::LogLine("enrolment sync")
                                 .kv("added", static_cast<long long>(stats.added))
                                 .kv("removed", static_cast<long long>(stats.removed))
                                 .kv("faces", static_cast<long long>(stats.faces))
                                 .kv("refused", static_cast<long long>(stats.refused))
                                 .kv("failed", static_cast<long long>(stats.failed))
                                 .kv("persons", static_cast<long long>(want->size())));
    return stats;
}

}  // namespace gw::dev::face
