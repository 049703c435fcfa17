#pragma once
// BrokerUrl: the parsed form of the [mqtt] url key: mqtt://host[:port] (plain TCP,
// default port 1883) or mqtts://host[:port] (TLS, default 8883). An IPv6 literal is
// written in brackets: mqtts://[fd00::1]:8883. Pure value type, no I/O.
#include <cstdint>
#include <string>
#include <string_view>

#include "gateway/core/result.hpp"

namespace gw::adp::mqtt {

struct BrokerUrl {
    bool tls = false;
    std::string host;  // without brackets
    uint16_t port = 0;

    /// Back to "mqtt[s]://host:port" (for logs; never contains credentials).
    std::string to_string() const;
};

/// Errors: MqttErrc::BadUrl (unknown scheme, empty host, bad port, user info or path).
core::Result<BrokerUrl> parse_broker_url(std::string_view url);

}  // namespace gw::adp::mqtt
