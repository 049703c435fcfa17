#include "pty_port.hpp"

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <thread>

namespace gw::dev::sim::tools {

namespace {

std::runtime_error sys_error(const std::string& what) {
    return std::runtime_error(what + ": " + std::strerror(errno));
}

}  // namespace

PtyPort::PtyPort(std::string link) : link_(std::move(link)) {
    master_ = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master_ < 0) throw sys_error("posix_openpt");
    if (::grantpt(master_) != 0 || ::unlockpt(master_) != 0) {
        ::close(master_);
        throw sys_error("grantpt/unlockpt");
    }
    termios t{};
    if (::tcgetattr(master_, &t) == 0) {  // raw: no echo, no CR/LF translation
        ::cfmakeraw(&t);
        ::tcsetattr(master_, TCSANOW, &t);
    }
    const char* slave = ::ptsname(master_);
    ::unlink(link_.c_str());
    if (!slave || ::symlink(slave, link_.c_str()) != 0) {
        ::close(master_);
        throw sys_error("symlink " + link_);
    }
}

PtyPort::~PtyPort() {
    ::unlink(link_.c_str());
    if (master_ >= 0) ::close(master_);
}

// While no process has the slave open, the master polls as hung up.
bool PtyPort::wait_opened(std::chrono::milliseconds timeout) const {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < end) {
        pollfd p{master_, POLLOUT, 0};
        if (::poll(&p, 1, 0) >= 0 && !(p.revents & POLLHUP)) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

void PtyPort::write_line(const std::string& text) const {
    const std::string line = text + "\r\n";
    size_t done = 0;
    while (done < line.size()) {
        const ssize_t n = ::write(master_, line.data() + done, line.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw sys_error("write to " + link_);
        done += static_cast<size_t>(n);
    }
}

}  // namespace gw::dev::sim::tools
