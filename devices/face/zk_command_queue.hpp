#pragma once
// ZkCommandQueue: the user commands a ZKTeco PUSH terminal fetches from /iclock/getrequest,
// derived from the roster: `DATA UPDATE USERINFO PIN=<person id>\tName=<display>\tPri=0`
// for each person the terminal should hold and `DATA DELETE USERINFO PIN=...` for each it
// should no longer hold. A command counts as done when /iclock/devicecmd reports Return=0;
// a failed or unanswered one is planned again by a later plan() call.
// Thread-safe (the worker plans, the listener threads take and acknowledge).
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "gateway/core/face_roster.hpp"
#include "zk_records.hpp"

namespace gw::dev::face {

class ZkCommandQueue {
public:
    explicit ZkCommandQueue(std::chrono::milliseconds resend_after = std::chrono::minutes(5))
        : resend_after_(resend_after) {}

    /// Queues what it takes to make the terminal hold exactly `wanted`. Returns the number
    /// of commands queued by this call.
    size_t plan(const std::vector<core::FaceEnrolment>& wanted);
    /// Up to `max` command lines ("C:<id>:<command>") to send now; "" when none.
    std::string take(size_t max);
    /// Applies /iclock/devicecmd results; returns how many matched a sent command.
    size_t acknowledge(const std::vector<ZkCommandResult>& results);

    size_t pending() const;
    size_t failed() const;

private:
    struct Command {
        std::string pin;
        std::string credential;  // empty for deletes
        std::string text;
        bool sent = false;
        std::chrono::steady_clock::time_point sent_at{};
    };
    bool queued_for(const std::string& pin) const;
    void push(Command c);

    mutable std::mutex mutex_;
    std::chrono::milliseconds resend_after_;
    uint64_t next_id_ = 1;
    std::map<uint64_t, Command> commands_;
    std::map<std::string, std::string> on_terminal_;  // pin -> credential id acknowledged
    size_t failed_ = 0;
};

}  // namespace gw::dev::face
