#pragma once
// TaskThread: a device's worker thread. Runs posted jobs in order and periodic jobs at
// their interval (the first run right after start). Blocking device I/O (terminal HTTP
// calls, photo fetches) happens here, never on the core loop. post() is thread-safe;
// every() must be called before start(). stop() finishes the running job and joins.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace gw::dev::face {

class TaskThread {
public:
    using Job = std::function<void()>;
    TaskThread() = default;
    ~TaskThread() { stop(); }
    TaskThread(const TaskThread&) = delete;
    TaskThread& operator=(const TaskThread&) = delete;

    void every(std::chrono::milliseconds interval, Job job);
    void post(Job job);
    void start();
    void stop();

private:
    struct Periodic {
        std::chrono::milliseconds interval;
        Job job;
        std::chrono::steady_clock::time_point due;
    };
    void run();

    std::mutex mutex_;
    std::condition_variable cv_;
    std::deque<Job> jobs_;
    std::vector<Periodic> periodic_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace gw::dev::face
