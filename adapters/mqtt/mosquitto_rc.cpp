#include "mosquitto_rc.hpp"

#include <mosquitto.h>

#include <array>
#include <utility>

#include "mqtt_error.hpp"

namespace gw::adp::mqtt::detail {
namespace {

// Every MOSQ_ERR_* a client call or the network loop can return. Codes not listed
// (broker-only, v5-only) fall through to Unknown.
constexpr std::array<std::pair<int, MqttErrc>, 27> kRcTable = {{
    {MOSQ_ERR_NOMEM, MqttErrc::NoMemory},
    {MOSQ_ERR_PROTOCOL, MqttErrc::ProtocolError},
    {MOSQ_ERR_INVAL, MqttErrc::InvalidArgument},
    {MOSQ_ERR_NO_CONN, MqttErrc::NotConnected},
    {MOSQ_ERR_CONN_REFUSED, MqttErrc::ConnectionRefused},
    {MOSQ_ERR_NOT_FOUND, MqttErrc::NotFound},
    {MOSQ_ERR_CONN_LOST, MqttErrc::ConnectionLost},
    {MOSQ_ERR_TLS, MqttErrc::Tls},
    {MOSQ_ERR_TLS_HANDSHAKE, MqttErrc::Tls},
    {MOSQ_ERR_OCSP, MqttErrc::Tls},
    {MOSQ_ERR_PAYLOAD_SIZE, MqttErrc::PayloadTooLarge},
    {MOSQ_ERR_OVERSIZE_PACKET, MqttErrc::PayloadTooLarge},
    {MOSQ_ERR_NOT_SUPPORTED, MqttErrc::NotSupported},
    {MOSQ_ERR_QOS_NOT_SUPPORTED, MqttErrc::NotSupported},
    {MOSQ_ERR_RETAIN_NOT_SUPPORTED, MqttErrc::NotSupported},
    {MOSQ_ERR_AUTH, MqttErrc::NotAuthorized},
    {MOSQ_ERR_ACL_DENIED, MqttErrc::NotAuthorized},
    {MOSQ_ERR_UNKNOWN, MqttErrc::Unknown},
    {MOSQ_ERR_EAI, MqttErrc::NameResolution},
    {MOSQ_ERR_LOOKUP, MqttErrc::NameResolution},
    {MOSQ_ERR_PROXY, MqttErrc::ConnectionLost},
    {MOSQ_ERR_MALFORMED_UTF8, MqttErrc::MalformedUtf8},
    {MOSQ_ERR_KEEPALIVE, MqttErrc::KeepaliveTimeout},
    {MOSQ_ERR_MALFORMED_PACKET, MqttErrc::ProtocolError},
    {MOSQ_ERR_DUPLICATE_PROPERTY, MqttErrc::ProtocolError},
    {MOSQ_ERR_TIMEOUT, MqttErrc::Timeout},
    {MOSQ_ERR_TOPIC_ALIAS_INVALID, MqttErrc::ProtocolError},
}};

constexpr std::array<std::pair<int, int>, 8> kLogTable = {{
    {MOSQ_LOG_ERR, 3},
    {MOSQ_LOG_WARNING, 4},
    {MOSQ_LOG_NOTICE, 5},
    {MOSQ_LOG_INFO, 6},
    {MOSQ_LOG_DEBUG, 7},
    {MOSQ_LOG_SUBSCRIBE, 7},
    {MOSQ_LOG_UNSUBSCRIBE, 7},
    {MOSQ_LOG_WEBSOCKETS, 7},
}};

}  // namespace

std::error_code error_from_mosquitto(int rc, int saved_errno) {
    if (rc == MOSQ_ERR_SUCCESS) return {};
    if (rc == MOSQ_ERR_ERRNO) {
        // errno 0 here means the library saw an orderly close it could not attribute.
        if (saved_errno == 0) return MqttErrc::ConnectionLost;
        return {saved_errno, std::system_category()};
    }
    for (const auto& [code, errc] : kRcTable) {
        if (code == rc) return errc;
    }
    return MqttErrc::Unknown;
}

std::error_code error_from_connack(int reason) {
    switch (reason) {
        case 0:
            return {};
        case 1:
            return MqttErrc::RefusedProtocolVersion;
        case 2:
            return MqttErrc::RefusedIdentifier;
        case 3:
            return MqttErrc::RefusedServerUnavailable;
        case 4:
            return MqttErrc::RefusedBadCredentials;
        case 5:
            return MqttErrc::RefusedNotAuthorized;
        default:
            return MqttErrc::ProtocolError;
    }
}

int syslog_level_from_mosquitto(int level) {
    for (const auto& [mosq, sys] : kLogTable) {
        if (mosq == level) return sys;
    }
    return 7;
}

}  // namespace gw::adp::mqtt::detail
