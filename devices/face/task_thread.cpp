#include "task_thread.hpp"

namespace gw::dev::face {

void TaskThread::every(std::chrono::milliseconds interval, Job job) {
    periodic_.push_back({interval, std::move(job), std::chrono::steady_clock::now()});
}

void TaskThread::post(Job job) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
        jobs_.push_back(std::move(job));
    }
    cv_.notify_one();
}

void TaskThread::start() {
    stopping_ = false;
    thread_ = std::thread([this] { run(); });
}

void TaskThread::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    cv_.notify_one();
    if (thread_.joinable()) thread_.join();
}

void TaskThread::run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        auto next = std::chrono::steady_clock::now() + std::chrono::hours(1);
        for (const auto& p : periodic_) next = std::min(next, p.due);
        cv_.wait_until(lock, next, [this] { return stopping_ || !jobs_.empty(); });
        if (stopping_) break;
        if (!jobs_.empty()) {
            Job job = std::move(jobs_.front());
            jobs_.pop_front();
            lock.unlock();
            job();
            lock.lock();
            continue;
        }
        const auto now = std::chrono::steady_clock::now();
        for (auto& p : periodic_) {
            if (p.due > now) continue;
            p.due = now + p.interval;
            lock.unlock();
            p.job();
            lock.lock();
            if (stopping_) break;
        }
    }
}

}  // namespace gw::dev::face
