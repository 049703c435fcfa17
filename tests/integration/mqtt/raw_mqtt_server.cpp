#include "raw_mqtt_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace gw::test {
namespace {

constexpr int kPublish = 3;
constexpr int kPingreq = 12;

bool wait_readable(int fd, std::chrono::milliseconds timeout) {
    pollfd p{fd, POLLIN, 0};
    return ::poll(&p, 1, static_cast<int>(timeout.count())) == 1;
}

}  // namespace

std::optional<RawPublish> parse_publish(const RawPacket& p) {
    if (p.type() != kPublish) return std::nullopt;
    RawPublish out;
    out.dup = (p.header & 0x08) != 0;
    out.qos = (p.header >> 1) & 0x03;
    out.retain = (p.header & 0x01) != 0;
    const auto& b = p.body;
    if (b.size() < 2) return std::nullopt;
    const size_t topic_len = static_cast<size_t>(b[0] << 8 | b[1]);
    size_t pos = 2 + topic_len;
    if (b.size() < pos) return std::nullopt;
    out.topic.assign(b.begin() + 2, b.begin() + static_cast<long>(pos));
    if (out.qos > 0) {
        if (b.size() < pos + 2) return std::nullopt;
        out.mid = static_cast<uint16_t>(b[pos] << 8 | b[pos + 1]);
        pos += 2;
    }
    out.payload.assign(b.begin() + static_cast<long>(pos), b.end());
    return out;
}

RawMqttServer::RawMqttServer() {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (listen_fd_ < 0 || ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        ::listen(listen_fd_, 4) != 0 ||
        ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
        throw std::runtime_error("raw mqtt server: cannot listen");
    }
    port_ = ntohs(a.sin_port);
}

RawMqttServer::~RawMqttServer() {
    close_connection();
    if (listen_fd_ >= 0) ::close(listen_fd_);
}

bool RawMqttServer::accept(std::chrono::milliseconds timeout) {
    close_connection();
    if (!wait_readable(listen_fd_, timeout)) return false;
    conn_fd_ = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    return conn_fd_ >= 0;
}

std::optional<RawPacket> RawMqttServer::take_packet() {
    // Fixed header: 1 byte type/flags, then the remaining length as a base-128 varint.
    size_t len = 0;
    size_t i = 1;
    for (unsigned shift = 0;; shift += 7, ++i) {
        if (i >= buffer_.size() || shift > 21) return std::nullopt;
        len |= static_cast<size_t>(buffer_[i] & 0x7f) << shift;
        if ((buffer_[i] & 0x80) == 0) break;
    }
    const size_t start = i + 1;
    if (buffer_.size() < start + len) return std::nullopt;
    RawPacket p;
    p.header = buffer_[0];
    p.body.assign(buffer_.begin() + static_cast<long>(start),
                  buffer_.begin() + static_cast<long>(start + len));
    buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<long>(start + len));
    return p;
}

std::optional<RawPacket> RawMqttServer::read_packet(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        while (auto p = take_packet()) {
            if (p->type() != kPingreq) return p;
            write({0xd0, 0x00});  // PINGRESP
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (conn_fd_ < 0 || left.count() <= 0 || !wait_readable(conn_fd_, left)) {
            return std::nullopt;
        }
        uint8_t chunk[4096];
        const ssize_t n = ::read(conn_fd_, chunk, sizeof chunk);
        if (n <= 0) return std::nullopt;
        buffer_.insert(buffer_.end(), chunk, chunk + n);
    }
}

bool RawMqttServer::write(const std::vector<uint8_t>& bytes) {
    if (conn_fd_ < 0) return false;
    return ::send(conn_fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
           static_cast<ssize_t>(bytes.size());
}

void RawMqttServer::close_connection() {
    if (conn_fd_ >= 0) ::close(conn_fd_);
    conn_fd_ = -1;
    buffer_.clear();
}

}  // namespace gw::test
