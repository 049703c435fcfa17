#include "tcp_cork.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

namespace gw::adp::mqtt {
namespace {
void set_cork(int fd, int on) {
    // Failure only costs batching (e.g. not a TCP socket): nothing to report.
    (void)::setsockopt(fd, IPPROTO_TCP, TCP_CORK, &on, sizeof on);
}
}  // namespace

TcpCork::TcpCork(int fd) : fd_(fd) {
    if (fd_ >= 0) set_cork(fd_, 1);
}

TcpCork::~TcpCork() { release(fd_); }

void TcpCork::release(int current_fd) {
    if (fd_ >= 0 && current_fd == fd_) set_cork(fd_, 0);
    fd_ = -1;
}

}  // namespace gw::adp::mqtt
