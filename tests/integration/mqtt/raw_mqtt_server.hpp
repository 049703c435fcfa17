#pragma once
// RawMqttServer: a scripted MQTT 3.1.1 server on 127.0.0.1 for checking libmosquitto's
// wire behaviour exactly (which packets, in which order, with which DUP flag and id).
// The test thread drives it step by step: accept, read a packet, write bytes, close.
// One connection at a time. Not thread-safe.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gw::test {

struct RawPacket {
    uint8_t header = 0;         // fixed header byte 1: type << 4 | flags
    std::vector<uint8_t> body;  // variable header + payload
    int type() const { return header >> 4; }
};

struct RawPublish {
    std::string topic;
    uint16_t mid = 0;  // 0 for QoS 0
    std::string payload;
    bool dup = false;
    int qos = 0;
    bool retain = false;
};

/// Decodes a PUBLISH packet; nullopt for any other packet or a malformed one.
std::optional<RawPublish> parse_publish(const RawPacket& p);

class RawMqttServer {
public:
    RawMqttServer();  // listens on an ephemeral port; throws std::runtime_error on failure
    ~RawMqttServer();
    RawMqttServer(const RawMqttServer&) = delete;
    RawMqttServer& operator=(const RawMqttServer&) = delete;

    uint16_t port() const { return port_; }
    /// Accepts the next connection (closing the current one). False on timeout.
    bool accept(std::chrono::milliseconds timeout);
    /// The next packet other than PINGREQ (answered with PINGRESP). nullopt on timeout or
    /// when the peer closed.
    std::optional<RawPacket> read_packet(std::chrono::milliseconds timeout);
    bool write(const std::vector<uint8_t>& bytes);
    void close_connection();

private:
    std::optional<RawPacket> take_packet();

    int listen_fd_ = -1;
    int conn_fd_ = -1;
    uint16_t port_ = 0;
    std::vector<uint8_t> buffer_;
};

}  // namespace gw::test
