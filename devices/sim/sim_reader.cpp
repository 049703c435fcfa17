#include "sim_reader.hpp"

namespace gw::dev::sim {

void SimReader::start(core::DeviceEvents& events) {
    events.availability(opts_.id, core::Availability::Online, "simulated");
    thread_ = std::thread([this, &events] { run(events); });
}

void SimReader::stop() {
    {
        std::lock_guard lk(mu_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

bool SimReader::wait(std::chrono::milliseconds d) {
    std::unique_lock lk(mu_);
    return !cv_.wait_for(lk, d, [this] { return stopping_; });
}

void SimReader::run(core::DeviceEvents& events) {
    if (!wait(opts_.start_delay)) return;
    do {
        for (const auto& uid : opts_.taps) {
            core::Presentation p;
            p.device_id = opts_.id;
            p.secret = uid;
            p.received = std::chrono::steady_clock::now();
            events.presentation(std::move(p));
            if (!wait(opts_.interval)) return;
        }
    } while (opts_.repeat && !opts_.taps.empty());
}

}  // namespace gw::dev::sim
