#pragma once
// A multi-producer, single-consumer queue feeding the core loop. push() never blocks for
// long (a mutex, no allocation beyond the message); drain() takes everything at once so the
// loop can group a burst of presentations into one durable commit.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <vector>

#include "loop_message.hpp"

namespace gw::app {

class EventQueue {
public:
    void push(LoopMessage m) {
        {
            std::lock_guard lk(mu_);
            q_.push_back(std::move(m));
        }
        cv_.notify_one();
    }

    /// Waits up to `timeout` for at least one message, then moves up to `max` into `out`.
    void drain(std::vector<LoopMessage>& out, std::chrono::milliseconds timeout, size_t max) {
        std::unique_lock lk(mu_);
        cv_.wait_for(lk, timeout, [this] { return !q_.empty(); });
        while (!q_.empty() && out.size() < max) {
            out.push_back(std::move(q_.front()));
            q_.pop_front();
        }
    }

private:
    std::mutex mu_;
    std::condition_variable cv_;
    std::deque<LoopMessage> q_;
};

}  // namespace gw::app
