#include "serial_scanner.hpp"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>

#include <array>
#include <cerrno>
#include <utility>

namespace gw::dev::scanner {

namespace {

struct BaudRate {
    int baud;
    speed_t speed;
};

constexpr std::array<BaudRate, 11> kBauds{{{1200, B1200},
                                           {2400, B2400},
                                           {4800, B4800},
                                           {9600, B9600},
                                           {19200, B19200},
                                           {38400, B38400},
                                           {57600, B57600},
                                           {115200, B115200},
                                           {230400, B230400},
                                           {460800, B460800},
                                           {921600, B921600}}};

core::Error errno_error(const std::string& what) {
    return core::Error{std::error_code(errno, std::generic_category()), what};
}

/// Raw 8 data bits, 1 stop bit, no flow control, modem lines ignored, reads never block.
void make_raw(termios& t, Parity parity) {
    cfmakeraw(&t);
    t.c_cflag |= CLOCAL | CREAD;
    t.c_cflag &= ~static_cast<tcflag_t>(CSTOPB | CRTSCTS | HUPCL | PARENB | PARODD);
    t.c_iflag &= ~static_cast<tcflag_t>(IXON | IXOFF | IXANY | IGNPAR | PARMRK | IGNBRK);
    if (parity != Parity::None) {
        t.c_cflag |= PARENB;
        if (parity == Parity::Odd) t.c_cflag |= PARODD;
        t.c_iflag |= INPCK;  // a byte with a parity error reads as NUL: its code is garbage
    }
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
}

const char* parity_letter(Parity p) {
    return p == Parity::Even ? "E" : p == Parity::Odd ? "O" : "N";
}

}  // namespace

core::Result<OpenedDevice> open_serial_tty(const std::string& path, int baud, Parity parity) {
    speed_t speed = 0;
    for (const auto& b : kBauds)
        if (b.baud == baud) speed = b.speed;
    if (speed == 0)
        return core::make_error(std::errc::invalid_argument,
                                "unsupported baud rate " + std::to_string(baud));
    UniqueFd fd(::open(path.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC));
    if (!fd) return errno_error("cannot open " + path);
    termios t{};
    if (::tcgetattr(fd.get(), &t) != 0) return errno_error(path + " is not a tty");
    make_raw(t, parity);
    cfsetispeed(&t, speed);
    cfsetospeed(&t, speed);
    if (::tcsetattr(fd.get(), TCSANOW, &t) != 0) return errno_error("cannot set up " + path);
    ::ioctl(fd.get(), TIOCEXCL);    // best effort: keep other programs off the scanner
    ::tcflush(fd.get(), TCIFLUSH);  // bytes from before we listened are no scan of ours
    std::string detail = path + " " + std::to_string(baud) + " 8" + parity_letter(parity) + "1";
    return OpenedDevice{std::move(fd), std::move(detail)};
}

namespace {

ScannerThreadOptions thread_options(const SerialScannerOptions& o) {
    ScannerThreadOptions t = common_thread_options(o);
    t.framer.idle_terminator = o.idle_terminator;
    return t;
}

}  // namespace

SerialScanner::SerialScanner(SerialScannerOptions opts)
    : ScannerDevice(opts.id, thread_options(opts),
                    [baud = opts.baud, parity = opts.parity](const std::string& path) {
                        return open_serial_tty(path, baud, parity);
                    }) {}

}  // namespace gw::dev::scanner
