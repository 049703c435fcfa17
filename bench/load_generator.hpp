#pragma once
// Publishes taps over MQTT to N reader topics (bench/in/r01..) and collects what the system
// under test emits for them: access events of a gateway (campus/v1/+/+/access/#, key = the
// point id) or the forwarder's copies (bench/out/#, key = the reader name). Two MQTT
// clients, each with libmosquitto's network thread: one publishes (QoS 1, bounded in-flight
// window), one subscribes and timestamps arrivals in its callback. Errors throw.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "tap_matcher.hpp"

struct mosquitto;
struct mosquitto_message;

namespace gw::bench {

struct LoadOptions {
    std::string host = "127.0.0.1";
    int port = 1883;
    bool gateway = true;  // false: the forwarder
    int readers = 8;
    int window = 100;               // QoS 1 messages in flight to the broker
    std::vector<std::string> uids;  // cycled through
    std::chrono::milliseconds drain_timeout{30'000};
};

struct PhaseResult {
    uint64_t taps = 0;
    uint64_t events = 0;
    double seconds = 0;  // first tap sent → last event received
    TapMatcher::Snapshot detail;
};

class LoadGenerator {
public:
    explicit LoadGenerator(LoadOptions opts);
    ~LoadGenerator();
    LoadGenerator(const LoadGenerator&) = delete;
    LoadGenerator& operator=(const LoadGenerator&) = delete;

    void connect();
    /// `taps` as fast as the window allows.
    PhaseResult sustained(uint64_t taps);
    /// `rate` taps per second for `seconds`.
    PhaseResult paced(uint64_t rate, uint64_t seconds);

private:
    void publish_tap();
    PhaseResult finish(uint64_t taps);
    static void on_publish(mosquitto*, void* self, int mid);
    static void on_message(mosquitto*, void* self, const mosquitto_message* msg);

    LoadOptions opts_;
    std::vector<std::string> keys_;    // "r01".."rNN"
    std::vector<std::string> topics_;  // "bench/in/r01"..
    mosquitto* pub_ = nullptr;
    mosquitto* sub_ = nullptr;
    TapMatcher matcher_;
    std::mutex mu_;
    std::condition_variable cv_;
    int inflight_ = 0;
    uint64_t next_tap_ = 0;
};

}  // namespace gw::bench
