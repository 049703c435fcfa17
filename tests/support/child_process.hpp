#pragma once
// ChildProcess: a child started with posix_spawn (no shell), owned like a handle: the
// destructor kills (SIGKILL) and reaps it if it still runs. Move-only.
// The child gets no file descriptors of ours beyond 0-2 (so it cannot keep our sockets
// open); stdout and stderr go to `log_file` (appended) or are inherited when it is empty.
// Failures to start throw std::runtime_error. Not thread-safe.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace gw::test {

class ChildProcess {
public:
    ChildProcess() = default;
    ~ChildProcess();
    ChildProcess(ChildProcess&& other) noexcept;
    ChildProcess& operator=(ChildProcess&& other) noexcept;
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    /// argv[0] is a path or a name looked up in $PATH.
    static ChildProcess spawn(const std::vector<std::string>& argv,
                              const std::filesystem::path& log_file = {});
    /// Spawns and waits; returns the exit status (see wait_for). Kills the child and
    /// throws std::runtime_error if it runs longer than `timeout`.
    static int run(const std::vector<std::string>& argv, const std::filesystem::path& log_file,
                   std::chrono::milliseconds timeout);

    pid_t pid() const { return pid_; }
    /// True while the child has not exited (reaps it if it has).
    bool running();
    /// Sends `sig`; no-op when the child is gone.
    void signal(int sig);
    /// Waits up to `timeout` for the child to exit. Returns its exit code, or 128 + the
    /// signal number if a signal ended it; nullopt if it still runs.
    std::optional<int> wait_for(std::chrono::milliseconds timeout);
    /// SIGTERM, then SIGKILL after `grace`; returns the exit status.
    int terminate(std::chrono::milliseconds grace);
    /// SIGKILL and reap.
    void kill();

private:
    explicit ChildProcess(pid_t pid) : pid_(pid) {}
    bool reap(int options);

    pid_t pid_ = -1;
    std::optional<int> status_;
};

}  // namespace gw::test
