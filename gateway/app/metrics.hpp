#pragma once
// Metrics: what the gateway counts for Prometheus (issue 7; text exposition format 0.0.4).
// Plain single-threaded state kept by the core loop: recording a decision is a map update,
// no lock. A scrape is answered by the loop thread itself (MetricsServer posts to it), so
// the counters and the gauges in one scrape are consistent with each other.
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "gateway/core/device.hpp"
#include "gateway/core/outbox.hpp"
#include "gateway/core/reason.hpp"

namespace gw::app {

/// The gauges of one scrape, read by the loop from its ports.
struct MetricsFacts {
    core::OutboxStats outbox;
    int64_t now_ms = 0;
    bool mqtt_connected = false;
    std::vector<std::pair<std::string, core::Availability>> devices;
    std::optional<int64_t> roster_age_s;
    uint64_t requests_ok = 0;
    uint64_t requests_error = 0;
    uint64_t requests_malformed = 0;
    /// Each device's refusal counters (core::Device::counters()), by device id.
    std::map<std::string, std::vector<core::DeviceCounter>> device_counters;
};

class Metrics {
public:
    /// Upper bounds of the decision latency histogram, in microseconds.
    static constexpr std::array<int64_t, 12> kLatencyBucketsUs{
        50, 100, 250, 500, 1000, 2500, 5000, 10000, 25000, 50000, 100000, 1000000};

    void record_decision(const std::string& point, bool allowed, core::Reason reason,
                         int64_t latency_us);
    void record_malformed_presentation() { ++malformed_presentations_; }

    /// The whole exposition, ending with a newline.
    std::string render(const MetricsFacts& facts) const;

private:
    void render_decisions(std::string& out) const;
    void render_latency(std::string& out) const;

    std::map<std::tuple<std::string, bool, core::Reason>, uint64_t> decisions_;
    std::array<uint64_t, kLatencyBucketsUs.size()> latency_buckets_{};
    uint64_t latency_count_ = 0;
    double latency_sum_s_ = 0;
    uint64_t malformed_presentations_ = 0;
};

}  // namespace gw::app
