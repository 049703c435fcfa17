#include "child_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace gw::test {
namespace {

struct FileActions {
    posix_spawn_file_actions_t fa;
    FileActions() { posix_spawn_file_actions_init(&fa); }
    ~FileActions() { posix_spawn_file_actions_destroy(&fa); }
    FileActions(const FileActions&) = delete;
    FileActions& operator=(const FileActions&) = delete;
};

}  // namespace

ChildProcess::~ChildProcess() { kill(); }

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : pid_(other.pid_), status_(other.status_) {
    other.pid_ = -1;
}

ChildProcess& ChildProcess::operator=(ChildProcess&& other) noexcept {
    if (this != &other) {
        kill();
        pid_ = other.pid_;
        status_ = other.status_;
        other.pid_ = -1;
    }
    return *this;
}

ChildProcess ChildProcess::spawn(const std::vector<std::string>& argv,
                                 const std::filesystem::path& log_file) {
    if (argv.empty()) throw std::runtime_error("spawn: empty argv");
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);

    FileActions actions;
    if (!log_file.empty()) {
        posix_spawn_file_actions_addopen(&actions.fa, 1, log_file.c_str(),
                                         O_WRONLY | O_CREAT | O_APPEND, 0644);
        posix_spawn_file_actions_adddup2(&actions.fa, 1, 2);
    }
    // Sockets of the test process (broker clients) must not live on in the child.
    posix_spawn_file_actions_addclosefrom_np(&actions.fa, 3);

    pid_t pid = -1;
    const int rc = posix_spawnp(&pid, args[0], &actions.fa, nullptr, args.data(), environ);
    if (rc != 0) {
        throw std::runtime_error("spawn " + argv[0] + ": " + std::strerror(rc));
    }
    return ChildProcess(pid);
}

int ChildProcess::run(const std::vector<std::string>& argv, const std::filesystem::path& log_file,
                      std::chrono::milliseconds timeout) {
    ChildProcess child = spawn(argv, log_file);
    if (auto st = child.wait_for(timeout)) return *st;
    child.kill();
    throw std::runtime_error(argv[0] + " did not finish in time");
}

bool ChildProcess::reap(int options) {
    if (pid_ <= 0 || status_) return false;
    int st = 0;
    pid_t r = 0;
    do {
        r = ::waitpid(pid_, &st, options);
    } while (r < 0 && errno == EINTR);
    if (r != pid_) return false;
    status_ = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
    return true;
}

bool ChildProcess::running() {
    if (pid_ <= 0 || status_) return false;
    reap(WNOHANG);
    return !status_;
}

void ChildProcess::signal(int sig) {
    if (running()) ::kill(pid_, sig);
}

std::optional<int> ChildProcess::wait_for(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (running()) {
        if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return status_;
}

int ChildProcess::terminate(std::chrono::milliseconds grace) {
    signal(SIGTERM);
    if (auto st = wait_for(grace)) return *st;
    kill();
    return status_.value_or(-1);
}

void ChildProcess::kill() {
    if (pid_ <= 0) return;
    if (running()) {
        ::kill(pid_, SIGKILL);
        reap(0);
    }
}

}  // namespace gw::test
