#pragma once
// mount_sandbox_unavailable(): for tests that mount file systems (loop-mounted ext4, tmpfs)
// to make the state directory read-only. Enters a private mount namespace once per process
// (the test's mounts are invisible outside and go away with it) and returns "" — or why
// that is impossible here (not root, no loop devices), so the test can skip with a message.
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

namespace gw::test {

inline std::string mount_sandbox_unavailable(bool needs_loop_devices = true) {
    static const std::string why = []() -> std::string {
        if (geteuid() != 0) return "needs root (mount)";
        if (unshare(CLONE_NEWNS) != 0)
            return std::string("unshare(CLONE_NEWNS): ") + strerror(errno);
        if (mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
            return std::string("making / private: ") + strerror(errno);
        return "";
    }();
    if (why.empty() && needs_loop_devices && !std::filesystem::exists("/dev/loop-control"))
        return "no loop devices";
    return why;
}

}  // namespace gw::test
