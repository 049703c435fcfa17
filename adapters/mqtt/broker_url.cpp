#include "broker_url.hpp"

#include <charconv>

#include "mqtt_error.hpp"

namespace gw::adp::mqtt {
namespace {

core::Error bad_url(std::string_view why) {
    return core::Error{MqttErrc::BadUrl, "broker url: " + std::string(why)};
}

}  // namespace

std::string BrokerUrl::to_string() const {
    const bool v6 = host.find(':') != std::string::npos;
    return std::string(tls ? "mqtts://" : "mqtt://") + (v6 ? "[" + host + "]" : host) + ":" +
           std::to_string(port);
}

core::Result<BrokerUrl> parse_broker_url(std::string_view url) {
    BrokerUrl out;
    constexpr std::string_view kPlain = "mqtt://";
    constexpr std::string_view kTls = "mqtts://";
    if (url.substr(0, kTls.size()) == kTls) {
        out.tls = true;
        url.remove_prefix(kTls.size());
    } else if (url.substr(0, kPlain.size()) == kPlain) {
        url.remove_prefix(kPlain.size());
    } else {
        return bad_url("scheme must be mqtt:// or mqtts://");
    }
    if (!url.empty() && url.back() == '/') url.remove_suffix(1);
    if (url.find_first_of("/@?#") != std::string_view::npos) {
        return bad_url("only host and port are allowed");
    }
    std::string_view port_text;
    if (!url.empty() && url.front() == '[') {
        const auto close = url.find(']');
        if (close == std::string_view::npos) return bad_url("unterminated [ in host");
        out.host = std::string(url.substr(1, close - 1));
        std::string_view rest = url.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':') return bad_url("expected : after ]");
            port_text = rest.substr(1);
            if (port_text.empty()) return bad_url("empty port");
        }
    } else {
        const auto colon = url.find(':');
        out.host = std::string(url.substr(0, colon));
        if (colon != std::string_view::npos) {
            port_text = url.substr(colon + 1);
            if (port_text.empty()) return bad_url("empty port");
        }
    }
    if (out.host.empty()) return bad_url("empty host");
    out.port = out.tls ? 8883 : 1883;
    if (!port_text.empty()) {
        unsigned value = 0;
        const auto [end, ec] =
            std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
        if (ec != std::errc{} || end != port_text.data() + port_text.size() || value == 0 ||
            value > 65535) {
            return bad_url("port must be 1..65535");
        }
        out.port = static_cast<uint16_t>(value);
    }
    return out;
}

}  // namespace gw::adp::mqtt
