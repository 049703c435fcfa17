#pragma once
// Talks to systemd's notification socket (sd_notify protocol, without libsystemd):
// READY=1 once the gateway is up, STATUS= one-line summaries, WATCHDOG=1 keep-alives from
// the core loop, STOPPING=1 on shutdown. Inert when $NOTIFY_SOCKET is not set (not under
// systemd, or Type= is not notify). Not thread-safe: used from the core loop thread and
// the startup/shutdown path only. Never blocks (datagram socket, MSG_DONTWAIT).
#include <chrono>
#include <string>
#include <string_view>

namespace gw::adp::systemd {

class SystemdNotifier {
public:
    /// Reads $NOTIFY_SOCKET, $WATCHDOG_USEC and $WATCHDOG_PID.
    SystemdNotifier();
    ~SystemdNotifier();
    SystemdNotifier(const SystemdNotifier&) = delete;
    SystemdNotifier& operator=(const SystemdNotifier&) = delete;

    bool enabled() const { return fd_ >= 0; }
    /// The interval at which WATCHDOG=1 is due (half of WatchdogSec), or zero if none.
    std::chrono::microseconds watchdog_interval() const { return watchdog_; }

    void ready(std::string_view status);
    void status(std::string_view status);
    void watchdog();
    void stopping();

private:
    void send(const std::string& message);

    int fd_ = -1;
    std::string address_;
    std::chrono::microseconds watchdog_{0};
};

}  // namespace gw::adp::systemd
