#pragma once
// Turns SIGTERM/SIGINT into StopRequested and SIGHUP into ReloadRequested on the core loop.
// block_signals() must run in main() before any thread starts, so only this watcher's
// sigtimedwait() ever receives them.
#include <atomic>
#include <functional>
#include <thread>

#include "loop_message.hpp"

namespace gw::app {

class SignalWatcher {
public:
    static void block_signals();
    explicit SignalWatcher(std::function<void(LoopMessage)> post);
    ~SignalWatcher();
    SignalWatcher(const SignalWatcher&) = delete;
    SignalWatcher& operator=(const SignalWatcher&) = delete;

private:
    void run();
    std::function<void(LoopMessage)> post_;
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

}  // namespace gw::app
