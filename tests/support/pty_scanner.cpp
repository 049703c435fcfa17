#include "pty_scanner.hpp"

#include <fcntl.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

namespace gw::test {

PtyScanner::PtyScanner(std::filesystem::path link)
    : link_(std::move(link)), link_str_(link_.string()) {
    open_pty();
}

PtyScanner::~PtyScanner() {
    unplug();
}

void PtyScanner::open_pty() {
    master_ = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master_ < 0 || grantpt(master_) != 0 || unlockpt(master_) != 0)
        throw std::runtime_error("no pseudo-terminal");
    pty_path_ = ptsname(master_);
    slave_ = ::open(pty_path_.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (slave_ < 0) throw std::runtime_error("cannot open " + pty_path_);
    termios t{};
    tcgetattr(slave_, &t);
    cfmakeraw(&t);
    tcsetattr(slave_, TCSANOW, &t);
    if (!link_.empty()) {
        std::error_code ec;
        std::filesystem::remove(link_, ec);
        std::filesystem::create_symlink(pty_path_, link_);
    }
}

void PtyScanner::write(std::string_view bytes) {
    if (master_ < 0) throw std::runtime_error("the scanner is unplugged");
    while (!bytes.empty()) {
        const ssize_t n = ::write(master_, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw std::runtime_error("write to the pty failed");
        bytes.remove_prefix(static_cast<size_t>(n));
    }
}

void PtyScanner::scan(std::string_view text, std::string_view suffix) {
    std::string line(text);
    line.append(suffix);
    write(line);
}

void PtyScanner::unplug() {
    if (master_ < 0) return;
    ::close(master_);
    ::close(slave_);
    master_ = slave_ = -1;
    if (!link_.empty()) {
        std::error_code ec;
        std::filesystem::remove(link_, ec);
    }
}

void PtyScanner::replug() {
    if (master_ < 0) open_pty();
}

}  // namespace gw::test
