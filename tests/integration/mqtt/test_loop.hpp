#pragma once
// TestLoop: the test thread playing the gateway's core loop. Other threads (the MQTT
// client's network thread) post() work; run_until() executes it on the test thread, then
// calls `each_turn` (flush_acks + pump), until `done` or the timeout.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace gw::test {

class TestLoop {
public:
    void post(std::function<void()> f) {
        {
            std::lock_guard lock(mutex_);
            queue_.push_back(std::move(f));
        }
        cv_.notify_one();
    }

    bool run_until(const std::function<bool()>& done, std::chrono::milliseconds timeout,
                   const std::function<void()>& each_turn = {}) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        for (;;) {
            std::deque<std::function<void()>> work;
            {
                std::unique_lock lock(mutex_);
                cv_.wait_for(lock, std::chrono::milliseconds(5), [&] { return !queue_.empty(); });
                work.swap(queue_);
            }
            for (auto& f : work) f();
            if (each_turn) each_turn();
            if (done()) return true;
            if (std::chrono::steady_clock::now() >= deadline) return false;
        }
    }

private:
    std::mutex mutex_;
    std::condition_variable cv_;
    std::deque<std::function<void()>> queue_;
};

/// Polls `pred` every 5 ms; true as soon as it holds, false after `timeout`.
template <class Pred>
bool wait_until(Pred pred, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!pred()) {
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}

}  // namespace gw::test
