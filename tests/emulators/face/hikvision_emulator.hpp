#pragma once
// HikvisionEmulator: a Hikvision ISAPI access terminal on 127.0.0.1 for tests
// (protocols.md §3.1). Every request must pass HTTP Digest (MD5, qop=auth) for the
// configured user; it answers
//   GET  /ISAPI/System/deviceInfo
//   PUT  /ISAPI/AccessControl/RemoteControl/door/{n}        (records the door and the XML)
//   PUT  /ISAPI/AccessControl/remoteCheck?format=json         (records remote-check answers)
//   POST /ISAPI/AccessControl/UserInfo/Record?format=json    (deviceUserAlreadyExist)
//   PUT  /ISAPI/AccessControl/UserInfo/Delete?format=json    (removes the face too)
//   POST /ISAPI/AccessControl/UserInfo/Search?format=json    (paged, MORE / OK / NO MATCH)
//   POST /ISAPI/Intelligent/FDLib/FaceDataRecord?format=json multipart FaceDataRecord +
//        image part; refuses images over the size limit, non-JPEG data, unknown persons
//   PUT  /ISAPI/Intelligent/FDLib/FDSearch/Delete?format=json
// It keeps its person and face lists in memory, can go offline (port closed) and come
// back, and plays the terminal's event push (multipart, like firmware does), also in
// remote-verification mode (with_remote_check(): the event asks and the answer is recorded).
// Thread-safe: server threads and the test thread share state under a mutex.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "http_fixture_server.hpp"

namespace gw::test {

/// One answer to a remote-verification question, as the terminal received it.
struct HikRemoteCheckAnswer {
    uint64_t serial_no = 0;
    std::string check_result;  // "success" | "failed"
    std::string info;
};

struct HikPerson {
    std::string name;
    std::string begin;
    std::string end;
};

class HikvisionEmulator {
public:
    HikvisionEmulator(std::string user, std::string password, size_t max_face_bytes = 200 * 1024);

    std::string url() const { return server_->url(); }
    void go_offline() { server_->stop(); }
    void come_back() { server_->start(); }

    std::map<std::string, HikPerson> persons() const;
    std::map<std::string, size_t> faces() const;  // FPID -> image bytes
    std::vector<std::string> door_requests() const;  // "PUT /ISAPI/...door/1 <xml>"
    std::vector<HikRemoteCheckAnswer> remote_check_answers() const;
    size_t auth_failures() const;
    size_t face_uploads() const;
    void add_person(const std::string& employee_no);  // as if enrolled on the device itself

    /// An AccessControllerEvent document (major 5) as firmware pushes it.
    static std::string face_event(const std::string& employee_no, std::optional<double> similarity,
                                  uint64_t serial, int minor = 75);
    static std::string card_event(const std::string& card_no, uint64_t serial, int minor = 1);
    /// The same event in remote-verification mode: `"remoteCheck": true`, the terminal waits.
    static std::string with_remote_check(const std::string& event_json);
    /// POSTs `event_json` to `url` as multipart/form-data (part `event_log`, plus a fake
    /// `Picture` part when asked), with Digest credentials when `user` is set. Returns the
    /// HTTP status.
    static int push(const std::string& url, const std::string& event_json, bool picture,
                    const std::string& part_name = "event_log", const std::string& user = {},
                    const std::string& password = {});

private:
    FixtureResponse handle(const FixtureRequest& r);
    FixtureResponse route(const FixtureRequest& r);
    FixtureResponse search(const std::string& body);
    FixtureResponse add_face(const FixtureRequest& r);
    FixtureResponse remote_check(const std::string& body);

    std::string user_;
    std::string password_;
    size_t max_face_bytes_;
    std::string nonce_ = "4e6f6e63652d686b";
    mutable std::mutex mutex_;
    std::map<std::string, HikPerson> persons_;
    std::map<std::string, size_t> faces_;
    std::vector<std::string> doors_;
    std::vector<HikRemoteCheckAnswer> answers_;
    size_t auth_failures_ = 0;
    size_t face_uploads_ = 0;
    std::unique_ptr<HttpFixtureServer> server_;
};

}  // namespace gw::test
