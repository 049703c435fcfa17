#include "driver_schema.hpp"

#include <array>

#include "endpoint.hpp"

namespace gw::config::detail {

namespace {

using std::chrono::milliseconds;
using VT = ValueType;

std::string mqtt_topic(std::string_view t) {
    if (t.empty()) return "an MQTT topic must not be empty";
    if (t.find_first_of("+#") != std::string_view::npos)
        return "a device topic is a single topic: no + or # wildcards";
    return {};
}

bool hex_digit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

std::string hex_uid(std::string_view uid) {
    bool hex = !uid.empty();
    for (char c : uid) hex = hex && hex_digit(c);
    if (!hex || uid.size() % 2 != 0 || uid.size() < 8 || uid.size() > 20)
        return "expected a card UID of 4 to 10 bytes in hex, like \"04A1B2C3D4E5F6\"";
    return {};
}

std::string host_port(std::string_view text) {
    auto p = parse_host_port(text);
    return p.endpoint ? std::string() : "bad listen address: " + p.error;
}

std::string web_url(std::string_view text) {
    auto p = parse_url(text);
    if (!p.endpoint) return "bad URL: " + p.error + "; expected https://host[:port]";
    if (p.endpoint->scheme != "https" && p.endpoint->scheme != "http")
        return "expected an https:// or http:// URL";
    return {};
}

std::string url_path(std::string_view text) {
    return !text.empty() && text.front() == '/' ? std::string() : "expected a path starting with /";
}

std::string ip_or_network(std::string_view text) {
    return is_ip_or_network(text) ? std::string()
                                  : "expected an IP address or network, like \"192.168.10.21\" "
                                    "or \"192.168.10.0/24\"";
}

std::string standard_baud(int64_t baud) {
    static constexpr std::array<int64_t, 11> kBauds{1200,  2400,   4800,   9600,   19200, 38400,
                                                    57600, 115200, 230400, 460800, 921600};
    for (auto b : kBauds)
        if (b == baud) return {};
    return "expected a standard baud rate (1200, 2400, 4800, 9600, 19200, 38400, 57600, "
           "115200, 230400, 460800, 921600)";
}

constexpr std::array<std::string_view, 2> kCardSecurity{"desfire", "uid"};
constexpr std::array<std::string_view, 2> kCardNumber{"decimal", "hex"};
constexpr std::array<std::string_view, 3> kRemoteCheck{"auto", "always", "off"};
constexpr std::array<std::string_view, 3> kParity{"none", "even", "odd"};

constexpr double ms(int64_t v) { return static_cast<double>(v); }

std::vector<DriverSchema> build() {
    return {
        {"mqtt_reader", true, false,
         {{.key = "topic", .required = true, .text_check = mqtt_topic},
          {.key = "answer", .type = VT::Bool, .fallback = true}}},
        {"sim", true, false,
         {{.key = "taps", .type = VT::StringList, .required = true, .text_check = hex_uid,
           .upper = true},
          {.key = "interval", .type = VT::Duration, .fallback = milliseconds(1000),
           .lo = ms(1), .hi = ms(3'600'000)},
          {.key = "start_delay", .type = VT::Duration, .fallback = milliseconds(0), .lo = ms(0),
           .hi = ms(3'600'000)},
          {.key = "repeat", .type = VT::Bool, .fallback = false}}},
        {"libnfc", true, false,
         {{.key = "connstring", .required = true},
          {.key = "card_security", .required = true, .choices = kCardSecurity},
          {.key = "desfire_key_file"},
          {.key = "poll_interval", .type = VT::Duration, .lo = ms(10), .hi = ms(10'000)},
          {.key = "hold_off", .type = VT::Duration, .lo = ms(0), .hi = ms(3'600'000)},
          {.key = "reopen_max", .type = VT::Duration, .lo = ms(100), .hi = ms(600'000)}}},
        {"gpio", false, true,
         {{.key = "chip", .fallback = std::string("gpiochip0")},
          {.key = "line", .type = VT::Int, .required = true, .lo = 0, .hi = 1023},
          {.key = "pulse", .type = VT::Duration, .fallback = milliseconds(3000), .lo = ms(10),
           .hi = ms(600'000)},
          {.key = "active_low", .type = VT::Bool, .fallback = false},
          {.key = "sensor_line", .type = VT::Int, .lo = 0, .hi = 1023},
          {.key = "sensor_active_low", .type = VT::Bool, .fallback = false},
          {.key = "held_open", .type = VT::Duration, .fallback = milliseconds(30000),
           .lo = ms(1000), .hi = ms(3'600'000)}}},
        {"mqtt_door", false, true,
         {{.key = "topic", .required = true, .text_check = mqtt_topic}, {.key = "payload"}}},
        {"serial_scanner", true, false,
         {{.key = "path", .required = true},
          {.key = "baud", .type = VT::Int, .fallback = int64_t{9600}, .int_check = standard_baud},
          {.key = "parity", .fallback = std::string("none"), .choices = kParity},
          {.key = "idle_terminator", .type = VT::Duration, .lo = ms(1), .hi = ms(10'000)},
          {.key = "max_length", .type = VT::Int, .fallback = int64_t{2048}, .lo = 1, .hi = 65536}}},
        {"evdev_scanner", true, false,
         {{.key = "path", .required = true},
          {.key = "max_length", .type = VT::Int, .fallback = int64_t{2048}, .lo = 1, .hi = 65536}}},
        {"hikvision", true, true,
         {{.key = "address", .required = true, .text_check = web_url},
          {.key = "username"},
          {.key = "password_file"},
          {.key = "door", .type = VT::Int, .fallback = int64_t{1}, .lo = 1, .hi = 255},
          {.key = "min_face_score", .type = VT::Float, .lo = 0, .hi = 1},
          {.key = "push_listen", .text_check = host_port},
          {.key = "push_path", .text_check = url_path},
          {.key = "allow_from", .type = VT::StringList, .text_check = ip_or_network},
          {.key = "push_username"},
          {.key = "push_password_file"},
          {.key = "card_number", .fallback = std::string("decimal"), .choices = kCardNumber},
          {.key = "poll_interval", .type = VT::Duration, .fallback = milliseconds(30'000),
           .lo = ms(100), .hi = ms(3'600'000)},
          {.key = "sync_interval", .type = VT::Duration, .fallback = milliseconds(300'000),
           .lo = ms(100), .hi = ms(86'400'000)},
          {.key = "request_timeout", .type = VT::Duration, .fallback = milliseconds(5000),
           .lo = ms(100), .hi = ms(60'000)},
          {.key = "max_photo_bytes", .type = VT::Int, .fallback = int64_t{200 * 1024},
           .lo = 1024, .hi = 10 * 1024 * 1024},
          {.key = "remote_check", .fallback = std::string("auto"), .choices = kRemoteCheck},
          {.key = "remote_check_timeout", .type = VT::Duration, .fallback = milliseconds(3000),
           .lo = ms(100), .hi = ms(30'000)},
          {.key = "face_library", .fallback = std::string("1")}}},
        {"zkteco", true, true,
         {{.key = "serial_number", .required = true},
          {.key = "push_listen", .required = true, .text_check = host_port},
          {.key = "allow_from", .type = VT::StringList, .text_check = ip_or_network},
          {.key = "poll_interval", .type = VT::Duration, .fallback = milliseconds(10'000),
           .lo = ms(1000), .hi = ms(600'000)},
          {.key = "sync_interval", .type = VT::Duration, .fallback = milliseconds(300'000),
           .lo = ms(100), .hi = ms(86'400'000)}}},
    };
}

constexpr std::array<KeyDependency, 3> kDependencies{{
    {"push_username", "", "push_password_file", "the password terminals push with"},
    {"push_listen", "", "allow_from", "who may connect"},
    {"card_security", "desfire", "desfire_key_file", "the read master key of campus-card-v1"},
}};

}  // namespace

const std::vector<DriverSchema>& driver_schemas() {
    static const std::vector<DriverSchema> kSchemas = build();
    return kSchemas;
}

const DriverSchema* find_driver(std::string_view name) {
    for (const auto& s : driver_schemas())
        if (s.driver == name) return &s;
    return nullptr;
}

std::span<const KeyDependency> driver_key_dependencies() {
    return kDependencies;
}

}  // namespace gw::config::detail
