#include "mqtt_probe.hpp"

#include <mosquitto.h>

#include <stdexcept>

namespace gw::test {

MqttProbe::MqttProbe(std::string host, uint16_t port, std::string filter, MqttProbeOptions options)
    : filter_(std::move(filter)), options_(std::move(options)) {
    mosquitto_lib_init();
    mosq_ = mosquitto_new(options_.client_id.empty() ? nullptr : options_.client_id.c_str(),
                          options_.clean_session, this);
    if (!mosq_) throw std::runtime_error("probe: mosquitto_new failed");
    mosquitto_int_option(mosq_, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V311);
    mosquitto_connect_callback_set(mosq_, &MqttProbe::on_connect);
    mosquitto_disconnect_callback_set(mosq_, &MqttProbe::on_disconnect);
    mosquitto_subscribe_callback_set(mosq_, &MqttProbe::on_subscribe);
    mosquitto_message_callback_set(mosq_, &MqttProbe::on_message);
    mosquitto_reconnect_delay_set(mosq_, 1, 1, false);
    // connect_async + loop_start: a broker that is not up yet is retried by the loop.
    const int rc = mosquitto_connect_async(mosq_, host.c_str(), port, 10);
    if (rc != MOSQ_ERR_SUCCESS && rc != MOSQ_ERR_ERRNO) {
        mosquitto_destroy(mosq_);
        throw std::runtime_error(std::string("probe: connect: ") + mosquitto_strerror(rc));
    }
    if (mosquitto_loop_start(mosq_) != MOSQ_ERR_SUCCESS) {
        mosquitto_destroy(mosq_);
        throw std::runtime_error("probe: loop_start failed");
    }
}

MqttProbe::~MqttProbe() {
    mosquitto_disconnect(mosq_);
    mosquitto_loop_stop(mosq_, false);
    mosquitto_destroy(mosq_);
}

void MqttProbe::on_connect(mosquitto* m, void* obj, int rc) {
    auto* self = static_cast<MqttProbe*>(obj);
    if (rc == 0) mosquitto_subscribe(m, nullptr, self->filter_.c_str(), self->options_.qos);
}

void MqttProbe::on_disconnect(mosquitto*, void* obj, int) {
    auto* self = static_cast<MqttProbe*>(obj);
    std::lock_guard lock(self->mutex_);
    self->subscribed_ = false;
}

void MqttProbe::on_subscribe(mosquitto*, void* obj, int, int, const int*) {
    auto* self = static_cast<MqttProbe*>(obj);
    {
        std::lock_guard lock(self->mutex_);
        self->subscribed_ = true;
    }
    self->cv_.notify_all();
}

void MqttProbe::on_message(mosquitto*, void* obj, const mosquitto_message* msg) {
    auto* self = static_cast<MqttProbe*>(obj);
    ProbeMessage m;
    m.topic = msg->topic ? msg->topic : "";
    if (msg->payload && msg->payloadlen > 0) {
        m.payload.assign(static_cast<const char*>(msg->payload),
                         static_cast<size_t>(msg->payloadlen));
    }
    m.retained = msg->retain;
    m.qos = msg->qos;
    {
        std::lock_guard lock(self->mutex_);
        self->messages_.push_back(std::move(m));
    }
    self->cv_.notify_all();
}

bool MqttProbe::wait_subscribed(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, timeout, [&] { return subscribed_; });
}

bool MqttProbe::wait_for(size_t n, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, timeout, [&] { return messages_.size() >= n; });
}

std::vector<ProbeMessage> MqttProbe::messages() const {
    std::lock_guard lock(mutex_);
    return messages_;
}

size_t MqttProbe::count() const {
    std::lock_guard lock(mutex_);
    return messages_.size();
}

void MqttProbe::clear() {
    std::lock_guard lock(mutex_);
    messages_.clear();
}

bool MqttProbe::publish(const std::string& topic, const std::string& payload, int qos,
                        bool retain) {
    return mosquitto_publish(mosq_, nullptr, topic.c_str(), static_cast<int>(payload.size()),
                             payload.data(), qos, retain) == MOSQ_ERR_SUCCESS;
}

}  // namespace gw::test
