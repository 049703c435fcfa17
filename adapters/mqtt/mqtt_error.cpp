#include "mqtt_error.hpp"

#include <array>
#include <string>
#include <string_view>

namespace gw::adp::mqtt {
namespace {

constexpr std::array<std::string_view, 24> kMessages = {
    "no error",
    "out of memory",
    "MQTT protocol error",
    "invalid argument",
    "not connected to the broker",
    "connection to the broker lost",
    "not found",
    "TLS error (handshake or certificate verification)",
    "payload too large",
    "not supported",
    "not authorized",
    "broker host name could not be resolved",
    "topic is not valid UTF-8",
    "broker did not answer within the keepalive",
    "timed out",
    "connection refused by the broker",
    "connection refused: unacceptable protocol version",
    "connection refused: client identifier rejected",
    "connection refused: server unavailable",
    "connection refused: bad user name or password",
    "connection refused: not authorized",
    "bad broker URL (expected mqtt://host[:port] or mqtts://host[:port])",
    "already started",
    "unknown MQTT error",
};

class MqttCategory final : public std::error_category {
public:
    const char* name() const noexcept override { return "mqtt"; }
    std::string message(int ev) const override {
        if (ev >= 0 && static_cast<size_t>(ev) < kMessages.size()) {
            return std::string(kMessages[static_cast<size_t>(ev)]);
        }
        return "unknown MQTT error " + std::to_string(ev);
    }
};

static_assert(kMessages.size() == static_cast<size_t>(MqttErrc::Unknown) + 1,
              "one message per MqttErrc");

}  // namespace

const std::error_category& mqtt_category() noexcept {
    static const MqttCategory category;
    return category;
}

}  // namespace gw::adp::mqtt
