#include "evdev_scanner.hpp"

#include <fcntl.h>
#include <linux/input.h>
#include <sys/ioctl.h>

#include <cerrno>
#include <utility>

#include "gateway/core/log.hpp"

namespace gw::dev::scanner {

core::Result<OpenedDevice> open_evdev(const std::string& path, const std::string& channel) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
    if (!fd)
        return core::Error{std::error_code(errno, std::generic_category()), "cannot open " + path};
    if (::ioctl(fd.get(), EVIOCGRAB, 1) == 0) return OpenedDevice{std::move(fd), path + " grabbed"};
    const int err = errno;
    if (err != ENOTTY && err != EINVAL)  // EBUSY: another process holds the grab
        return core::Error{std::error_code(err, std::generic_category()), "cannot grab " + path};
    GW_LOG(
        Warning, channel,
        core::LogLine("not an evdev device; reading its records without a grab").kv("path", path));
    return OpenedDevice{std::move(fd), path + " (not grabbed: not an evdev device)"};
}

namespace {

ScannerThreadOptions thread_options(const EvdevScannerOptions& o) {
    ScannerThreadOptions t = common_thread_options(o);
    t.keyboard = true;
    return t;
}

}  // namespace

EvdevScanner::EvdevScanner(EvdevScannerOptions opts)
    : ScannerDevice(opts.id, thread_options(opts),
                    [chan = "dev." + opts.id](const std::string& path) {
                        return open_evdev(path, chan);
                    }) {}

}  // namespace gw::dev::scanner
