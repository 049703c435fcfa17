#pragma once
// MqttErrc: every failure the MQTT adapter reports, as a typed enum with its own
// std::error_category ("mqtt"). libmosquitto's return codes and CONNACK refusals are
// translated into these inside the adapter; a raw libmosquitto int never leaves it.
// System-level failures (connection refused, reset by peer) are reported as
// std::system_category codes instead, because errno says more than any enum could.
#include <system_error>

namespace gw::adp::mqtt {

enum class MqttErrc {
    // 0 is reserved for "no error" (std::error_code convention).
    NoMemory = 1,              // the library ran out of memory
    ProtocolError,             // the peer violated MQTT, or a malformed packet was received
    InvalidArgument,           // bad topic, filter, option or state for this call
    NotConnected,              // no connection to the broker (publish refused, try again later)
    ConnectionLost,            // the connection dropped
    NotFound,                  // the library could not find what the call referred to
    Tls,                       // TLS handshake or certificate verification failed
    PayloadTooLarge,           // payload exceeds MQTT's limit or the broker's maximum packet size
    NotSupported,              // feature not supported by the library build or the broker
    NotAuthorized,             // authentication or ACL check failed
    NameResolution,            // the broker's host name could not be resolved
    MalformedUtf8,             // topic is not valid UTF-8
    KeepaliveTimeout,          // the broker did not answer within the keepalive
    Timeout,                   // an operation did not complete in time
    ConnectionRefused,         // the broker refused the connection (reason not known)
    RefusedProtocolVersion,    // CONNACK 1: the broker does not speak MQTT 3.1.1
    RefusedIdentifier,         // CONNACK 2: client id rejected
    RefusedServerUnavailable,  // CONNACK 3
    RefusedBadCredentials,     // CONNACK 4: bad user name or password
    RefusedNotAuthorized,      // CONNACK 5: not authorised to connect
    BadUrl,                    // the broker URL is not mqtt://host[:port] or mqtts://host[:port]
    AlreadyStarted,            // start() while running
    Unknown,                   // anything libmosquitto reports that has no better mapping
};

const std::error_category& mqtt_category() noexcept;

inline std::error_code make_error_code(MqttErrc e) noexcept {
    return {static_cast<int>(e), mqtt_category()};
}

}  // namespace gw::adp::mqtt

template <>
struct std::is_error_code_enum<gw::adp::mqtt::MqttErrc> : std::true_type {};
