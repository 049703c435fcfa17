#include "signal_watcher.hpp"

#include <csignal>
#include <ctime>

#include "gateway/core/log.hpp"

namespace gw::app {

namespace {
sigset_t watched() {
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGTERM);
    sigaddset(&s, SIGINT);
    sigaddset(&s, SIGHUP);
    return s;
}
}  // namespace

void SignalWatcher::block_signals() {
    sigset_t s = watched();
    pthread_sigmask(SIG_BLOCK, &s, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
    // A file-size limit (RLIMIT_FSIZE) is a full disk to us: let write() fail with EFBIG
    // (SQLite reports an I/O error and the store keeps events in memory) instead of dying.
    std::signal(SIGXFSZ, SIG_IGN);
}

SignalWatcher::SignalWatcher(std::function<void(LoopMessage)> post)
    : post_(std::move(post)), thread_([this] { run(); }) {}

SignalWatcher::~SignalWatcher() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
}

void SignalWatcher::run() {
    const sigset_t s = watched();
    const timespec tick{0, 200'000'000};
    while (!stop_) {
        const int sig = sigtimedwait(&s, nullptr, &tick);
        if (sig == SIGHUP) {
            GW_LOG(Notice, "app", core::LogLine("SIGHUP: reloading configuration"));
            post_(ReloadRequested{});
        } else if (sig == SIGTERM || sig == SIGINT) {
            GW_LOG(Notice, "app", core::LogLine("stop requested").kv("signal", sig));
            post_(StopRequested{});
        }
    }
}

}  // namespace gw::app
