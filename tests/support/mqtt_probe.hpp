#pragma once
// MqttProbe: an independent MQTT subscriber for tests, written directly on libmosquitto
// (not on the adapter under test). It connects to host:port, subscribes `filter` after
// every (re)connect and collects every message it receives: topic, payload and the
// retained flag (true only for retained messages sent at subscribe time).
// It reconnects by itself every second while the broker is away. With clean_session false
// and a fixed client_id, a broker with persistence keeps queueing for it meanwhile.
// Thread-safe: messages arrive on libmosquitto's thread; the accessors may be called from
// any thread. Throws std::runtime_error if the client cannot be created.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

struct mosquitto;
struct mosquitto_message;

namespace gw::test {

struct ProbeMessage {
    std::string topic;
    std::string payload;
    bool retained = false;
    int qos = 0;
};

struct MqttProbeOptions {
    std::string client_id;  // empty: the library picks one (needs clean_session)
    bool clean_session = true;
    int qos = 1;  // subscription QoS
};

class MqttProbe {
public:
    MqttProbe(std::string host, uint16_t port, std::string filter, MqttProbeOptions options = {});
    ~MqttProbe();
    MqttProbe(const MqttProbe&) = delete;
    MqttProbe& operator=(const MqttProbe&) = delete;

    /// True once the broker acknowledged the subscription on the current connection.
    bool wait_subscribed(std::chrono::milliseconds timeout);
    /// True once at least `n` messages were collected (since construction or clear()).
    bool wait_for(size_t n, std::chrono::milliseconds timeout);
    std::vector<ProbeMessage> messages() const;
    size_t count() const;
    void clear();
    /// Publishes through the probe's own connection (e.g. a request to the gateway).
    bool publish(const std::string& topic, const std::string& payload, int qos = 1,
                 bool retain = false);

private:
    static void on_connect(mosquitto* m, void* obj, int rc);
    static void on_disconnect(mosquitto* m, void* obj, int rc);
    static void on_subscribe(mosquitto* m, void* obj, int mid, int count, const int* granted);
    static void on_message(mosquitto* m, void* obj, const mosquitto_message* msg);

    std::string filter_;
    MqttProbeOptions options_;
    mosquitto* mosq_ = nullptr;  // owned; destroyed in the destructor
    mutable std::mutex mutex_;
    std::condition_variable cv_;
    bool subscribed_ = false;
    std::vector<ProbeMessage> messages_;
};

}  // namespace gw::test
