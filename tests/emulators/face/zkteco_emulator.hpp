#pragma once
// ZktecoEmulator: plays a ZKTeco PUSH attendance terminal against the gateway's /iclock
// server (protocols.md §3.2): the handshake, ATTLOG / rtlog uploads, and command polling
// (GET getrequest, carry out DATA UPDATE/DELETE USERINFO on its user list, POST the
// results to devicecmd). Driven synchronously by the test thread; not thread-safe.
#include <map>
#include <string>
#include <utility>

namespace gw::test {

class ZktecoEmulator {
public:
    ZktecoEmulator(std::string gateway_url, std::string serial_number)
        : url_(std::move(gateway_url)), sn_(std::move(serial_number)) {}

    std::pair<int, std::string> handshake();
    std::pair<int, std::string> upload(const std::string& table, const std::string& body);
    /// One poll: fetches the commands, executes them, reports the results. Returns the
    /// number of commands executed (0 when the answer was "OK").
    size_t poll();
    /// The next `n` commands fail with Return=-1002.
    void fail_next(int n) { fail_next_ = n; }

    const std::map<std::string, std::string>& users() const { return users_; }  // PIN -> Name
    const std::string& last_poll_answer() const { return last_answer_; }

private:
    int execute(const std::string& command);

    std::string url_;
    std::string sn_;
    std::map<std::string, std::string> users_;
    std::string last_answer_;
    int fail_next_ = 0;
};

}  // namespace gw::test
