#pragma once
// TcpCork: holds a TCP socket's small writes back for the length of one network-loop turn
// (TCP_CORK) and sends them as full segments when the turn ends. With TCP_NODELAY alone,
// every PUBACK, event and reader answer of a burst is a segment of its own, and on
// loopback each segment also costs the broker a wake-up.
namespace gw::adp::mqtt {

class TcpCork {
public:
    /// Corks `fd` (no-op for fd < 0).
    explicit TcpCork(int fd);
    ~TcpCork();
    TcpCork(const TcpCork&) = delete;
    TcpCork& operator=(const TcpCork&) = delete;

    /// Uncorks now if `current_fd` (the library's socket as of now) is still the corked
    /// one: the library may have closed it meanwhile, and the number may be reused. The
    /// destructor uncorks only if release() was not called.
    void release(int current_fd);

private:
    int fd_;
};

}  // namespace gw::adp::mqtt
