#include "sim_notifier.hpp"

#include <mosquitto.h>

#include <stdexcept>

namespace gw::tools::eidsim {

SimNotifier::SimNotifier(const std::string& broker, std::string site) : site_(std::move(site)) {
    if (broker.empty()) return;
    const auto colon = broker.rfind(':');
    if (colon == std::string::npos) throw std::runtime_error("--mqtt wants HOST:PORT");
    mosquitto_lib_init();
    mosq_ = mosquitto_new(nullptr, true, nullptr);
    if (!mosq_) throw std::runtime_error("mosquitto_new failed");
    const int port = std::stoi(broker.substr(colon + 1));
    if (mosquitto_connect(mosq_, broker.substr(0, colon).c_str(), port, 30) != MOSQ_ERR_SUCCESS ||
        mosquitto_loop_start(mosq_) != MOSQ_ERR_SUCCESS)
        throw std::runtime_error("cannot connect to the broker at " + broker);
}

SimNotifier::~SimNotifier() {
    if (!mosq_) return;
    mosquitto_disconnect(mosq_);
    mosquitto_loop_stop(mosq_, false);
    mosquitto_destroy(mosq_);
    mosquitto_lib_cleanup();
}

void SimNotifier::publish(const std::string& topic, const std::string& payload) {
    if (!mosq_) return;
    mosquitto_publish(mosq_, nullptr, topic.c_str(), static_cast<int>(payload.size()),
                      payload.data(), 1, false);
}

void SimNotifier::roster_changed(const std::string& cursor) {
    publish("campus/v1/" + site_ + "/eid/notify", "{\"cursor\":\"" + cursor + "\"}");
}

void SimNotifier::revocation(const std::string& cursor) {
    publish("campus/v1/eid/notify", "{\"revocations\":\"" + cursor + "\"}");
}

}  // namespace gw::tools::eidsim
