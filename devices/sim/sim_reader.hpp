#pragma once
// Driver "sim": a simulated card reader that presents a scripted list of UIDs, one every
// `interval` after `start_delay`, optionally repeating. For demos and smoke tests on a box
// with no hardware. Runs one thread; stop() joins it promptly.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "gateway/core/device.hpp"

namespace gw::dev::sim {

struct SimReaderOptions {
    std::string id;
    std::vector<std::string> taps;  // upper-case hex UIDs
    std::chrono::milliseconds interval{1000};
    std::chrono::milliseconds start_delay{0};
    bool repeat = false;
};

class SimReader final : public core::Device {
public:
    explicit SimReader(SimReaderOptions opts) : opts_(std::move(opts)) {}
    ~SimReader() override { stop(); }
    const std::string& id() const override { return opts_.id; }
    void start(core::DeviceEvents& events) override;
    void stop() override;

private:
    void run(core::DeviceEvents& events);
    bool wait(std::chrono::milliseconds d);  // false when stopping

    SimReaderOptions opts_;
    std::thread thread_;
    std::mutex mu_;
    std::condition_variable cv_;
    bool stopping_ = false;
};

}  // namespace gw::dev::sim
