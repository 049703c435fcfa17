#pragma once
// Driver "hikvision": a Hikvision ISAPI face terminal or turnstile (protocols.md §3.1).
//  - Event push: the terminal's "HTTP listening" host is this driver's PushListener
//    (push_listen, push_path, allow_from, optional Digest push_username/push_password).
//    Face events become Face presentations (employee number = roster person id, similarity
//    when sent, the device's min_face_score); card events become CardUid presentations;
//    a face that matched no one is an unknown face. Pictures are discarded unread.
//    Retried pushes (same serialNo) are decided once.
//  - open_door(): PUT /ISAPI/AccessControl/RemoteControl/door/{door} (Digest), on the
//    worker thread. The terminal should not open by itself (docs/face-hikvision.md).
//  - Remote verification (remote_check): an event that asks (`"remoteCheck": true`, or
//    every credential event with remote_check = always) becomes a presentation with
//    answer_ref = serialNo and device_opens; feedback() answers it with
//    PUT /ISAPI/AccessControl/remoteCheck (success/failed + the reason code) on the
//    answer thread (never behind an enrolment sync), and the terminal opens by itself.
//    An answer that cannot be delivered within remote_check_timeout of the push is
//    logged and counted (remote_check_unanswered).
//  - Health: GET /ISAPI/System/deviceInfo every poll_interval -> availability.
//  - Enrolment: HikEnroller every sync_interval.
// Thread-safety: start/stop/feedback/open_door on the core loop; pushes on the listener's
// threads; ISAPI calls on the worker thread, remote-check answers on the answer thread.
#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "enrolment_context.hpp"
#include "gateway/core/device.hpp"
#include "hik_enroller.hpp"
#include "hik_event.hpp"
#include "http_client.hpp"
#include "push_listener.hpp"
#include "task_thread.hpp"

namespace gw::dev::face {

enum class RemoteCheckMode {
    Auto,    // answer the events that ask ("remoteCheck": true)
    Always,  // treat every credential event with a serialNo as a question
    Off,     // never answer; open with RemoteControl/door as without remote verification
};

struct HikvisionOptions {
    std::string id;
    HttpClientOptions api;
    int door = 1;
    std::optional<double> min_face_score;
    PushListenerOptions push;            // push.listen empty: no event listener
    bool card_decimal = true;            // card_number = "decimal" | "hex"
    std::chrono::milliseconds poll_interval{std::chrono::seconds(30)};
    HikEnrolOptions enrol;
    RemoteCheckMode remote_check = RemoteCheckMode::Auto;
    std::chrono::milliseconds remote_check_timeout{3000};  // the terminal waits about this long
};

class HikvisionTerminal final : public core::Device {
public:
    HikvisionTerminal(HikvisionOptions opts, EnrolmentContext ctx);
    ~HikvisionTerminal() override;
    const std::string& id() const override { return opts_.id; }
    void start(core::DeviceEvents& events) override;
    void stop() override;
    void open_door() override;
    /// Answers remote-check questions; counts face_score_low and unknown_person denials of
    /// this terminal's presentations.
    void feedback(const core::Presentation& p, const core::Decision& d) override;
    /// The listener's refusals, the two denials above and remote_check_unanswered.
    std::vector<core::DeviceCounter> counters() const override;

private:
    PushReply on_push(const PushRequest& req);
    bool asks_answer(const HikEvent& e) const;
    core::Presentation presentation_of(const HikEvent& e, bool asks,
                                       std::chrono::steady_clock::time_point received) const;
    void answer(uint64_t serial, bool success, std::string info,
                std::chrono::steady_clock::time_point asked);
    void unanswered(const std::string& why);
    bool seen_before(uint64_t serial);
    void poll_health();
    void report(core::Availability a, const std::string& detail);

    HikvisionOptions opts_;
    EnrolmentContext ctx_;
    HttpClient api_;
    HikEnroller enroller_;
    std::unique_ptr<PushListener> listener_;
    TaskThread worker_;
    HttpClient answer_api_;  // the answer thread's own client (HttpClient is single-threaded)
    TaskThread answerer_;
    std::atomic<uint64_t> unanswered_{0};
    core::DeviceEvents* events_ = nullptr;
    std::mutex serial_mutex_;
    std::deque<uint64_t> recent_serials_;
    core::Availability last_ = core::Availability::Unknown;
    std::string last_detail_;
    uint64_t face_score_low_ = 0;  // core loop only
    uint64_t unknown_person_ = 0;
};

}  // namespace gw::dev::face
