#pragma once
// Driver "zkteco": a ZKTeco PUSH (iclock) attendance or access terminal
// (protocols.md §3.2). The terminal is the HTTP client; this driver serves
//   GET  /iclock/cdata?SN=..&options=all   handshake: the options text (stamps, Delay, ...)
//   POST /iclock/cdata?SN=..&table=ATTLOG  punch records, answered OK:<lines>
//   POST /iclock/cdata?SN=..&table=rtlog   real-time events (access mode), answered OK
//   GET  /iclock/getrequest?SN=..          the command queue (ZkCommandQueue), or OK
//   POST /iclock/devicecmd?SN=..           command results, answered OK
// on a PushListener (push_listen, allow_from). Requests with another serial number are
// refused (403) and counted. Each record with a PIN becomes a Face presentation (the PIN
// is the roster person id; a non-face verification adds the flag verify_<method>); each
// malformed line becomes a Malformed presentation. Other tables are acknowledged and
// logged once per table name. Availability: online while the terminal polls, offline
// when it has been silent for three poll intervals.
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "enrolment_context.hpp"
#include "gateway/core/device.hpp"
#include "push_listener.hpp"
#include "task_thread.hpp"
#include "zk_command_queue.hpp"
#include "zk_records.hpp"

namespace gw::dev::face {

struct ZktecoOptions {
    std::string id;
    std::string serial_number;
    PushListenerOptions push;
    std::chrono::seconds poll_interval{10};  // the Delay the terminal is told
    size_t commands_per_poll = 20;
};

class ZktecoTerminal final : public core::Device {
public:
    ZktecoTerminal(ZktecoOptions opts, EnrolmentContext ctx);
    ~ZktecoTerminal() override;
    const std::string& id() const override { return opts_.id; }
    void start(core::DeviceEvents& events) override;
    void stop() override;
    /// Counts unknown_person denials of this terminal's presentations.
    void feedback(const core::Presentation& p, const core::Decision& d) override;
    /// The listener's refusals and unknown_person.
    std::vector<core::DeviceCounter> counters() const override;

private:
    PushReply on_request(const PushRequest& req);
    PushReply handshake() const;
    PushReply upload(const std::string& table, const std::string& body);
    void present(const ZkParseResult& parsed, bool rtlog);
    void sync();
    void check_silence();
    void seen();

    ZktecoOptions opts_;
    EnrolmentContext ctx_;
    ZkCommandQueue queue_;
    std::unique_ptr<PushListener> listener_;
    TaskThread worker_;
    std::unique_ptr<core::FaceRoster> roster_;
    core::DeviceEvents* events_ = nullptr;
    std::atomic<int64_t> last_seen_ms_{0};
    std::atomic<bool> online_{false};
    std::mutex tables_mutex_;
    std::set<std::string> unknown_tables_;
    uint64_t unknown_person_ = 0;  // core loop only
};

/// The value of `key` in a URL query string ("" when absent). No percent-decoding: the
/// keys the terminal sends are plain.
std::string query_value(const std::string& query, const std::string& key);

}  // namespace gw::dev::face
