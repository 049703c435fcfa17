#include "hikvision_emulator.hpp"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPDigestCredentials.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "devices/face/digest_auth.hpp"
#include "devices/face/multipart.hpp"

namespace gw::test {

namespace {

using json = nlohmann::json;
constexpr const char* kRealm = "DS-K1T671";

FixtureResponse status(int code, int status_code, const std::string& sub) {
    json j = {{"statusCode", status_code},
              {"statusString", status_code == 1 ? "OK" : "Invalid Operation"},
              {"subStatusCode", sub}};
    return {code, "application/json", j.dump(), {}};
}

FixtureResponse ok() { return status(200, 1, "ok"); }

bool starts(const std::string& s, const std::string& p) { return s.rfind(p, 0) == 0; }

}  // namespace

HikvisionEmulator::HikvisionEmulator(std::string user, std::string password, size_t max_face_bytes)
    : user_(std::move(user)), password_(std::move(password)), max_face_bytes_(max_face_bytes) {
    server_ = std::make_unique<HttpFixtureServer>([this](const FixtureRequest& r) { return handle(r); });
}

FixtureResponse HikvisionEmulator::handle(const FixtureRequest& r) {
    const auto auth = r.header("Authorization");
    if (!dev::face::digest_valid(auth, r.method, r.target, kRealm, nonce_, user_, password_)) {
        std::lock_guard lock(mutex_);
        if (!auth.empty()) ++auth_failures_;
        FixtureResponse resp{401, "text/plain", "Unauthorized", {}};
        resp.headers["WWW-Authenticate"] = dev::face::digest_challenge(kRealm, nonce_);
        return resp;
    }
    return route(r);
}

FixtureResponse HikvisionEmulator::route(const FixtureRequest& r) {
    const auto& t = r.target;
    if (r.method == "GET" && t == "/ISAPI/System/deviceInfo")
        return {200, "application/xml", "<DeviceInfo><model>DS-K1T671</model></DeviceInfo>", {}};
    if (r.method == "PUT" && starts(t, "/ISAPI/AccessControl/RemoteControl/door/")) {
        std::lock_guard lock(mutex_);
        doors_.push_back("PUT " + t + " " + r.body);
        return ok();
    }
    if (r.method == "PUT" && starts(t, "/ISAPI/AccessControl/remoteCheck")) return remote_check(r.body);
    if (r.method == "POST" && starts(t, "/ISAPI/AccessControl/UserInfo/Search")) return search(r.body);
    if (r.method == "POST" && starts(t, "/ISAPI/Intelligent/FDLib/FaceDataRecord")) return add_face(r);
    json doc = json::parse(r.body, nullptr, false);
    std::lock_guard lock(mutex_);
    if (r.method == "POST" && starts(t, "/ISAPI/AccessControl/UserInfo/Record")) {
        if (doc.is_discarded() || !doc.contains("UserInfo")) return status(400, 6, "badJsonContent");
        const auto& u = doc["UserInfo"];
        const auto id = u.value("employeeNo", "");
        if (id.empty() || id.size() > 32) return status(400, 6, "employeeNoError");
        if (persons_.count(id)) return status(400, 6, "deviceUserAlreadyExist");
        persons_[id] = {u.value("name", ""), u["Valid"].value("beginTime", ""), u["Valid"].value("endTime", "")};
        return ok();
    }
    if (r.method == "PUT" && starts(t, "/ISAPI/AccessControl/UserInfo/Delete")) {
        for (const auto& e : doc["UserInfoDelCond"]["EmployeeNoList"]) {
            persons_.erase(e.value("employeeNo", ""));
            faces_.erase(e.value("employeeNo", ""));
        }
        return ok();
    }
    if (r.method == "PUT" && starts(t, "/ISAPI/Intelligent/FDLib/FDSearch/Delete")) {
        for (const auto& e : doc["FPID"]) faces_.erase(e.value("value", ""));
        return ok();
    }
    return status(404, 4, "notSupport");
}

FixtureResponse HikvisionEmulator::search(const std::string& body) {
    json doc = json::parse(body, nullptr, false);
    if (doc.is_discarded()) return status(400, 6, "badJsonContent");
    const auto& c = doc["UserInfoSearchCond"];
    const size_t pos = c.value("searchResultPosition", 0u);
    const size_t max = c.value("maxResults", 30u);
    std::lock_guard lock(mutex_);
    json users = json::array();
    size_t i = 0;
    for (const auto& [id, p] : persons_) {
        if (i++ < pos) continue;
        if (users.size() == max) break;
        users.push_back({{"employeeNo", id}, {"name", p.name}});
    }
    const bool more = pos + users.size() < persons_.size();
    json out = {{"UserInfoSearch", {{"searchID", c.value("searchID", "")},
                                    {"responseStatusStrg", users.empty() ? "NO MATCH" : more ? "MORE" : "OK"},
                                    {"numOfMatches", users.size()},
                                    {"totalMatches", persons_.size()},
                                    {"UserInfo", users}}}};
    return {200, "application/json", out.dump(), {}};
}

FixtureResponse HikvisionEmulator::remote_check(const std::string& body) {
    json doc = json::parse(body, nullptr, false);
    if (doc.is_discarded() || !doc.contains("RemoteCheck") || !doc["RemoteCheck"].is_object())
        return status(400, 6, "badJsonContent");
    const auto& rc = doc["RemoteCheck"];
    if (!rc.contains("serialNo") || !rc["serialNo"].is_number_unsigned())
        return status(400, 6, "badParameters");
    const auto result = rc.value("checkResult", "");
    if (result != "success" && result != "failed") return status(400, 6, "badParameters");
    std::lock_guard lock(mutex_);
    answers_.push_back({rc["serialNo"].get<uint64_t>(), result, rc.value("info", "")});
    return ok();
}

FixtureResponse HikvisionEmulator::add_face(const FixtureRequest& r) {
    auto boundary = dev::face::multipart_boundary(r.header("Content-Type"));
    if (!boundary) return status(400, 6, "badContentType");
    auto mp = dev::face::parse_multipart(r.body, *boundary);
    if (!mp.error.empty() || mp.parts.size() != 2) return status(400, 6, "badMultipart");
    json rec = json::parse(mp.parts[0].body, nullptr, false);
    if (rec.is_discarded() || mp.parts[0].name != "FaceDataRecord") return status(400, 6, "badJsonContent");
    const auto fpid = rec.value("FPID", "");
    const auto& img = mp.parts[1].body;
    std::lock_guard lock(mutex_);
    ++face_uploads_;
    if (!persons_.count(fpid)) return status(400, 6, "employeeNoNotExist");
    if (img.size() > max_face_bytes_) return status(400, 6, "picSizeError");
    if (img.size() < 3 || static_cast<unsigned char>(img[0]) != 0xFF ||
        static_cast<unsigned char>(img[1]) != 0xD8)
        return status(400, 6, "noFacePic");
    faces_[fpid] = img.size();
    return ok();
}

std::map<std::string, HikPerson> HikvisionEmulator::persons() const {
    std::lock_guard lock(mutex_);
    return persons_;
}
std::map<std::string, size_t> HikvisionEmulator::faces() const {
    std::lock_guard lock(mutex_);
    return faces_;
}
std::vector<std::string> HikvisionEmulator::door_requests() const {
    std::lock_guard lock(mutex_);
    return doors_;
}
std::vector<HikRemoteCheckAnswer> HikvisionEmulator::remote_check_answers() const {
    std::lock_guard lock(mutex_);
    return answers_;
}
size_t HikvisionEmulator::auth_failures() const {
    std::lock_guard lock(mutex_);
    return auth_failures_;
}
size_t HikvisionEmulator::face_uploads() const {
    std::lock_guard lock(mutex_);
    return face_uploads_;
}
void HikvisionEmulator::add_person(const std::string& employee_no) {
    std::lock_guard lock(mutex_);
    persons_[employee_no] = {"-", "", ""};
}

std::string HikvisionEmulator::face_event(const std::string& employee_no,
                                          std::optional<double> similarity, uint64_t serial, int minor) {
    json ace = {{"deviceName", "Access Controller"}, {"majorEventType", 5}, {"subEventType", minor},
                {"cardReaderNo", 1}, {"verifyNo", 0}, {"serialNo", serial},
                {"currentVerifyMode", "cardOrFace"}, {"attendanceStatus", "undefined"},
                {"mask", "no"}, {"picturesNumber", 1}, {"FaceRect", {{"height", 0.3}, {"width", 0.2}}}};
    if (!employee_no.empty()) ace["employeeNoString"] = employee_no;
    if (similarity) ace["similarity"] = *similarity;
    json doc = {{"ipAddress", "127.0.0.1"}, {"portNo", 80}, {"protocol", "HTTP"},
                {"macAddress", "a4:d5:c2:00:00:01"}, {"channelID", 1},
                {"dateTime", "2026-07-14T11:33:19+08:00"}, {"activePostCount", 1},
                {"eventType", "AccessControllerEvent"}, {"eventState", "active"},
                {"eventDescription", "Access Controller Event"}, {"AccessControllerEvent", ace}};
    return doc.dump();
}

std::string HikvisionEmulator::card_event(const std::string& card_no, uint64_t serial, int minor) {
    json doc = json::parse(face_event("", std::nullopt, serial, minor));
    doc["AccessControllerEvent"]["cardNo"] = card_no;
    doc["AccessControllerEvent"]["cardType"] = 1;
    doc["AccessControllerEvent"].erase("FaceRect");
    return doc.dump();
}

std::string HikvisionEmulator::with_remote_check(const std::string& event_json) {
    json doc = json::parse(event_json);
    doc["AccessControllerEvent"]["remoteCheck"] = true;
    doc["AccessControllerEvent"].erase("frontSerialNo");  // the terminal has not decided
    return doc.dump();
}

int HikvisionEmulator::push(const std::string& url, const std::string& event_json, bool picture,
                            const std::string& part_name, const std::string& user,
                            const std::string& password) {
    const std::string b = "MIME_boundary";
    std::string body = "--" + b + "\r\nContent-Disposition: form-data; name=\"" + part_name +
                       "\"\r\nContent-Type: application/json\r\nContent-Length: " +
                       std::to_string(event_json.size()) + "\r\n\r\n" + event_json + "\r\n";
    if (picture)
        body += "--" + b + "\r\nContent-Disposition: form-data; name=\"Picture\"; filename=\"Picture.jpg\"\r\n"
                "Content-Type: image/jpeg\r\n\r\n\xFF\xD8\xFF\xE0 not really a picture \xFF\xD9\r\n";
    body += "--" + b + "--\r\n";
    Poco::URI uri(url);
    Poco::Net::HTTPClientSession s(uri.getHost(), uri.getPort());
    s.setTimeout(Poco::Timespan(5, 0));
    Poco::Net::HTTPDigestCredentials creds(user, password);
    for (int attempt = 0; attempt < 2; ++attempt) {
        Poco::Net::HTTPRequest req("POST", uri.getPathAndQuery(), Poco::Net::HTTPRequest::HTTP_1_1);
        req.setContentType("multipart/form-data; boundary=" + b);
        req.setContentLength(static_cast<std::streamsize>(body.size()));
        if (attempt == 1) creds.updateAuthInfo(req);
        s.sendRequest(req) << body;
        Poco::Net::HTTPResponse resp;
        std::ostringstream sink;
        Poco::StreamCopier::copyStream(s.receiveResponse(resp), sink);
        if (resp.getStatus() != 401 || user.empty() || attempt == 1) return static_cast<int>(resp.getStatus());
        creds.authenticate(req, resp);
    }
    return 0;
}

}  // namespace gw::test
