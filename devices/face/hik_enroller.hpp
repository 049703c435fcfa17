#pragma once
// HikEnroller: keeps a Hikvision terminal's persons (UserInfo) and faces (FDLib) equal to
// the roster's active face credentials for the terminal's points. One sync():
//   1. reads the roster (terminal_members) and the terminal's person list (UserInfo/Search);
//   2. deletes persons the roster no longer wants (UserInfo/Delete removes their face too);
//   3. adds missing persons (UserInfo/Record) and enrols their face: the photo is fetched
//      into memory, checked (photo_check), posted as FDLib/FaceDataRecord multipart and
//      dropped as soon as the terminal answers; it is never written to disk;
//   4. re-enrols a face when the person's face credential changed since it was enrolled.
// Refused photos and terminal refusals are published as device events with a reason and
// not retried until the credential's photo_url changes. Worker thread only.
#include <map>
#include <optional>
#include <vector>
#include <set>
#include <string>

#include "enrolment_context.hpp"
#include "http_client.hpp"
#include "photo_check.hpp"

namespace gw::dev::face {

struct HikEnrolOptions {
    std::string device_id;
    int door = 1;
    std::string fdid = "1";   // the face library on the terminal
    PhotoLimits photo;
    std::chrono::milliseconds fetch_timeout{10000};
};

struct SyncStats {
    size_t added = 0, removed = 0, faces = 0, refused = 0, failed = 0;
};

class HikEnroller {
public:
    HikEnroller(HikEnrolOptions options, EnrolmentContext& ctx, HttpClient& api)
        : opts_(std::move(options)), ctx_(ctx), api_(api) {}

    /// One full pass; failures are logged and retried at the next sync.
    SyncStats sync();

private:
    std::optional<std::vector<core::FaceEnrolment>> wanted();
    void reconcile(const std::vector<core::FaceEnrolment>& wanted,
                   const std::set<std::string>& present, SyncStats& stats);
    core::Result<std::set<std::string>> terminal_persons();
    bool add_person(const core::FaceEnrolment& e);
    bool remove_person(const std::string& employee_no);
    bool enrol_face(const core::FaceEnrolment& e, SyncStats& stats);
    bool delete_face(const std::string& employee_no);
    void refuse(const core::FaceEnrolment& e, const std::string& reason,
                const std::string& detail, SyncStats& stats);

    HikEnrolOptions opts_;
    EnrolmentContext& ctx_;
    HttpClient& api_;
    std::unique_ptr<core::FaceRoster> roster_;
    std::map<std::string, std::string> enrolled_;  // person id -> face credential id on the terminal
    std::map<std::string, std::string> refused_;   // credential id -> photo_url refused
};

/// True when an ISAPI JSON answer is {"statusCode":1,...} (or HTTP 200 without a body).
bool isapi_ok(const HttpResponse& r);
/// The subStatusCode of an ISAPI error answer, or the HTTP status as text.
std::string isapi_error(const HttpResponse& r);

}  // namespace gw::dev::face
