#pragma once
// A small MQTT client for the sim tools: connects to a plain-TCP broker (loopback), runs
// libmosquitto's network thread, and hands received messages to the caller through a
// thread-safe queue. Owns its mosquitto handle; not copyable. Methods other than next() may
// be called from one thread at a time; errors throw std::runtime_error.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>

struct mosquitto;
struct mosquitto_message;

namespace gw::dev::sim::tools {

struct BrokerAddress {
    std::string host = "127.0.0.1";
    int port = 1883;
    /// "127.0.0.1:1883", "localhost:1883" or just "1883"; throws std::invalid_argument.
    static BrokerAddress parse(const std::string& text);
};

class MqttLink {
public:
    struct Message {
        std::string topic;
        std::string payload;
        std::chrono::steady_clock::time_point received;
    };

    explicit MqttLink(const std::string& client_id);
    ~MqttLink();
    MqttLink(const MqttLink&) = delete;
    MqttLink& operator=(const MqttLink&) = delete;

    /// Connects and waits for the broker's CONNACK (at most `timeout`).
    void connect(const BrokerAddress& addr, std::chrono::milliseconds timeout);
    void subscribe(const std::string& pattern, int qos);
    void publish(const std::string& topic, const std::string& payload, int qos);
    /// The next received message, or nullopt after `timeout`.
    std::optional<Message> next(std::chrono::milliseconds timeout);

private:
    static void on_connect(mosquitto*, void* self, int rc);
    static void on_message(mosquitto*, void* self, const mosquitto_message* msg);

    mosquitto* mosq_ = nullptr;
    bool loop_running_ = false;
    std::mutex mu_;
    std::condition_variable cv_;
    std::deque<Message> inbox_;
    std::optional<int> connack_;
};

}  // namespace gw::dev::sim::tools
