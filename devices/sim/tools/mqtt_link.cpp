#include "mqtt_link.hpp"

#include <mosquitto.h>

#include <stdexcept>

namespace gw::dev::sim::tools {

namespace {

// mosquitto_lib_init() once per process, before any client exists.
struct LibInit {
    LibInit() { mosquitto_lib_init(); }
    ~LibInit() { mosquitto_lib_cleanup(); }
};

void check(int rc, const char* what) {
    if (rc != MOSQ_ERR_SUCCESS)
        throw std::runtime_error(std::string(what) + ": " + mosquitto_strerror(rc));
}

}  // namespace

BrokerAddress BrokerAddress::parse(const std::string& text) {
    BrokerAddress a;
    const auto colon = text.rfind(':');
    const std::string port = colon == std::string::npos ? text : text.substr(colon + 1);
    if (colon != std::string::npos && colon > 0) a.host = text.substr(0, colon);
    if (port.empty() || port.find_first_not_of("0123456789") != std::string::npos ||
        port.size() > 5 || std::stoi(port) < 1 || std::stoi(port) > 65535)
        throw std::invalid_argument("--broker: expected HOST:PORT, got '" + text + "'");
    a.port = std::stoi(port);
    return a;
}

MqttLink::MqttLink(const std::string& client_id) {
    static LibInit init;
    mosq_ = mosquitto_new(client_id.c_str(), true, this);
    if (!mosq_) throw std::runtime_error("mosquitto_new failed");
    mosquitto_connect_callback_set(mosq_, &MqttLink::on_connect);
    mosquitto_message_callback_set(mosq_, &MqttLink::on_message);
    mosquitto_int_option(mosq_, MOSQ_OPT_TCP_NODELAY, 1);
}

MqttLink::~MqttLink() {
    if (loop_running_) {
        mosquitto_disconnect(mosq_);
        mosquitto_loop_stop(mosq_, false);
    }
    mosquitto_destroy(mosq_);
}

void MqttLink::connect(const BrokerAddress& addr, std::chrono::milliseconds timeout) {
    check(mosquitto_connect(mosq_, addr.host.c_str(), addr.port, 30), "connect");
    check(mosquitto_loop_start(mosq_), "loop_start");
    loop_running_ = true;
    std::unique_lock lock(mu_);
    if (!cv_.wait_for(lock, timeout, [&] { return connack_.has_value(); }))
        throw std::runtime_error("no CONNACK from the broker");
    if (*connack_ != 0)
        throw std::runtime_error(std::string("broker refused: ") +
                                 mosquitto_connack_string(*connack_));
}

void MqttLink::subscribe(const std::string& pattern, int qos) {
    check(mosquitto_subscribe(mosq_, nullptr, pattern.c_str(), qos), "subscribe");
}

void MqttLink::publish(const std::string& topic, const std::string& payload, int qos) {
    check(mosquitto_publish(mosq_, nullptr, topic.c_str(), static_cast<int>(payload.size()),
                            payload.data(), qos, false),
          "publish");
}

std::optional<MqttLink::Message> MqttLink::next(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mu_);
    if (!cv_.wait_for(lock, timeout, [&] { return !inbox_.empty(); })) return std::nullopt;
    Message m = std::move(inbox_.front());
    inbox_.pop_front();
    return m;
}

void MqttLink::on_connect(mosquitto*, void* self, int rc) {
    auto* link = static_cast<MqttLink*>(self);
    std::lock_guard lock(link->mu_);
    link->connack_ = rc;
    link->cv_.notify_all();
}

void MqttLink::on_message(mosquitto*, void* self, const mosquitto_message* msg) {
    auto* link = static_cast<MqttLink*>(self);
    Message m{msg->topic, std::string(), std::chrono::steady_clock::now()};
    if (msg->payload && msg->payloadlen > 0)
        m.payload.assign(static_cast<const char*>(msg->payload),
                         static_cast<size_t>(msg->payloadlen));
    std::lock_guard lock(link->mu_);
    link->inbox_.push_back(std::move(m));
    link->cv_.notify_all();
}

}  // namespace gw::dev::sim::tools
