#pragma once
// What several end-to-end tests ask of a running gateway through the MQTT probe and
// /metrics: the JSON payloads seen on topics, waiting for events, the `health` entry of one
// device (mqtt-v1 §4), one sample of GET /metrics.
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "http_fixture_server.hpp"
#include "tests/support/mqtt_probe.hpp"

namespace gw::test {

/// Every payload (as JSON) on a topic containing `topic_part`, in arrival order.
inline std::vector<nlohmann::json> payloads(const MqttProbe& probe,
                                            const std::string& topic_part) {
    std::vector<nlohmann::json> out;
    for (const auto& m : probe.messages())
        if (m.topic.find(topic_part) != std::string::npos)
            out.push_back(nlohmann::json::parse(m.payload));
    return out;
}

/// payloads() once there are `n` of them, or after 10 s.
inline std::vector<nlohmann::json> wait_payloads(const MqttProbe& probe,
                                                 const std::string& topic_part, size_t n) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (payloads(probe, topic_part).size() < n && std::chrono::steady_clock::now() < end)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    return payloads(probe, topic_part);
}

/// The `health` response's entry for `device` (null when it did not come within 5 s).
inline nlohmann::json health_device(MqttProbe& probe, const std::string& base,
                                    const std::string& device) {
    static int n = 0;
    const std::string tx = "h-probe-" + std::to_string(++n);
    probe.publish(base + "/request/health", nlohmann::json{{"transaction", tx}}.dump());
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (std::chrono::steady_clock::now() < end) {
        for (const auto& p : payloads(probe, base + "/response/health"))
            for (const auto& d : p["transaction"] == tx ? p["data"]["devices"]
                                                        : nlohmann::json::array())
                if (d["id"] == device) return d;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return nlohmann::json();
}

/// The value of one sample of GET /metrics on 127.0.0.1:`port` (-1 when absent).
inline double metric(uint16_t port, const std::string& name_and_labels) {
    const auto [code, text] =
        http_call("GET", "http://127.0.0.1:" + std::to_string(port) + "/metrics", "", "");
    if (code != 200) return -1;
    const auto at = text.find("\n" + name_and_labels + " ");
    if (at == std::string::npos) return -1;
    return std::stod(text.substr(at + name_and_labels.size() + 2));
}

}  // namespace gw::test
