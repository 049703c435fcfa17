#include "wake_fd.hpp"

#include <sys/eventfd.h>
#include <unistd.h>

#include <cstdint>

namespace gw::adp::mqtt {

WakeFd::WakeFd() : fd_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {}

WakeFd::~WakeFd() {
    if (fd_ >= 0) ::close(fd_);
}

void WakeFd::notify() {
    const uint64_t one = 1;
    if (fd_ >= 0 && ::write(fd_, &one, sizeof one) < 0) {
        // EAGAIN: the counter is saturated, so the loop is due to wake anyway.
    }
}

void WakeFd::clear() {
    uint64_t value = 0;
    if (fd_ >= 0 && ::read(fd_, &value, sizeof value) < 0) {
        // EAGAIN: already cleared.
    }
}

}  // namespace gw::adp::mqtt
