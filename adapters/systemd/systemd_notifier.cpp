#include "systemd_notifier.hpp"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace gw::adp::systemd {

namespace {

std::chrono::microseconds watchdog_from_env() {
    const char* usec = std::getenv("WATCHDOG_USEC");
    if (!usec) return std::chrono::microseconds(0);
    // WATCHDOG_PID, when set, must name us (a child must not feed its parent's watchdog).
    if (const char* pid = std::getenv("WATCHDOG_PID"); pid && std::atol(pid) != getpid())
        return std::chrono::microseconds(0);
    const long long v = std::atoll(usec);
    return std::chrono::microseconds(v > 0 ? v / 2 : 0);
}

}  // namespace

SystemdNotifier::SystemdNotifier() {
    const char* path = std::getenv("NOTIFY_SOCKET");
    if (!path || (path[0] != '/' && path[0] != '@') || std::strlen(path) >= sizeof(sockaddr_un{}.sun_path))
        return;
    address_ = path;
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    watchdog_ = watchdog_from_env();
}

SystemdNotifier::~SystemdNotifier() {
    if (fd_ >= 0) ::close(fd_);
}

void SystemdNotifier::send(const std::string& message) {
    if (fd_ < 0) return;
    sockaddr_un sa{};
    sa.sun_family = AF_UNIX;
    std::memcpy(sa.sun_path, address_.data(), address_.size());
    if (sa.sun_path[0] == '@') sa.sun_path[0] = '\0';  // abstract namespace
    const auto len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + address_.size());
    (void)::sendto(fd_, message.data(), message.size(), MSG_DONTWAIT | MSG_NOSIGNAL,
                   reinterpret_cast<const sockaddr*>(&sa), len);
}

void SystemdNotifier::ready(std::string_view status) {
    send("READY=1\nSTATUS=" + std::string(status));
}

void SystemdNotifier::status(std::string_view status) { send("STATUS=" + std::string(status)); }

void SystemdNotifier::watchdog() { send("WATCHDOG=1"); }

void SystemdNotifier::stopping() { send("STOPPING=1\nSTATUS=stopping"); }

}  // namespace gw::adp::systemd
