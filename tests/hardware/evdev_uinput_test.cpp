// The evdev_scanner driver on a real evdev node: a virtual USB keyboard made through
// /dev/uinput types a code like a keyboard-mode scanner, and the driver must read it while
// holding the grab (a second EVIOCGRAB gets EBUSY). Exits 77 (CTest: skipped) where there is
// no /dev/uinput or it cannot be opened (containers, CI). Plain main(): the skip code must be
// the process's exit status.
#include <fcntl.h>
#include <linux/input.h>
#include <linux/uinput.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "devices/scanner/evdev_scanner.hpp"

using namespace gw::dev::scanner;
using namespace std::chrono_literals;

namespace {

constexpr int kSkip = 77;
int failures = 0;

void check(bool ok, const char* what) {
    std::printf("%s: %s\n", ok ? "ok  " : "FAIL", what);
    failures += ok ? 0 : 1;
}

struct Events final : gw::core::DeviceEvents {
    std::mutex mu;
    std::condition_variable cv;
    std::vector<std::string> texts;
    bool online = false;
    void presentation(gw::core::Presentation p) override {
        std::lock_guard lk(mu);
        texts.push_back(p.secret);
        cv.notify_all();
    }
    void availability(const std::string&, gw::core::Availability a, std::string) override {
        std::lock_guard lk(mu);
        online = a == gw::core::Availability::Online;
        cv.notify_all();
    }
};

void emit(int fd, uint16_t type, uint16_t code, int32_t value) {
    input_event ev{};
    ev.type = type;
    ev.code = code;
    ev.value = value;
    if (::write(fd, &ev, sizeof ev) != static_cast<ssize_t>(sizeof ev)) std::perror("uinput");
}

void key(int fd, uint16_t code, bool shift) {
    if (shift) emit(fd, EV_KEY, KEY_LEFTSHIFT, 1);
    emit(fd, EV_KEY, code, 1);
    emit(fd, EV_SYN, SYN_REPORT, 0);
    emit(fd, EV_KEY, code, 0);
    if (shift) emit(fd, EV_KEY, KEY_LEFTSHIFT, 0);
    emit(fd, EV_SYN, SYN_REPORT, 0);
}

/// A virtual keyboard; its event node's path in `node`. -1 when uinput is unusable.
int make_keyboard(std::string& node) {
    const int fd = ::open("/dev/uinput", O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return -1;
    ioctl(fd, UI_SET_EVBIT, EV_KEY);
    for (int k = KEY_ESC; k <= KEY_KPDOT; ++k) ioctl(fd, UI_SET_KEYBIT, k);
    uinput_setup setup{};
    setup.id.bustype = BUS_USB;
    setup.id.vendor = 0x1eab;
    setup.id.product = 0x1a03;
    std::strcpy(setup.name, "campusgw test scanner");
    char sysname[64] = {};
    if (ioctl(fd, UI_DEV_SETUP, &setup) < 0 || ioctl(fd, UI_DEV_CREATE) < 0 ||
        ioctl(fd, UI_GET_SYSNAME(sizeof sysname), sysname) < 0) {
        ::close(fd);
        return -1;
    }
    std::this_thread::sleep_for(300ms);  // udev creates the node
    const std::string dir = std::string("/sys/devices/virtual/input/") + sysname;
    for (int i = 0; i < 64 && node.empty(); ++i)
        if (::access((dir + "/event" + std::to_string(i)).c_str(), F_OK) == 0)
            node = "/dev/input/event" + std::to_string(i);
    return fd;
}

}  // namespace

int main() {
    std::string node;
    const int kbd = make_keyboard(node);
    if (kbd < 0 || node.empty()) {
        std::printf("skipped: /dev/uinput is not usable here\n");
        return kSkip;
    }
    Events events;
    EvdevScannerOptions o;
    o.id = "scan-hw";
    o.path = node;
    EvdevScanner scanner(o);
    scanner.start(events);
    {
        std::unique_lock lk(events.mu);
        check(events.cv.wait_for(lk, 3s, [&] { return events.online; }), "the node is open");
    }
    const int other = ::open(node.c_str(), O_RDONLY | O_CLOEXEC);
    check(other >= 0 && ioctl(other, EVIOCGRAB, 1) < 0 && errno == EBUSY,
          "the node is grabbed by the driver");
    if (other >= 0) ::close(other);
    // "CEID1:A$" then Enter
    for (auto [code, shift] : std::vector<std::pair<uint16_t, bool>>{{KEY_C, true},
                                                                     {KEY_E, true},
                                                                     {KEY_I, true},
                                                                     {KEY_D, true},
                                                                     {KEY_1, false},
                                                                     {KEY_SEMICOLON, true},
                                                                     {KEY_A, true},
                                                                     {KEY_4, true},
                                                                     {KEY_ENTER, false}})
        key(kbd, code, shift);
    {
        std::unique_lock lk(events.mu);
        events.cv.wait_for(lk, 3s, [&] { return !events.texts.empty(); });
        check(events.texts == std::vector<std::string>{"CEID1:A$"}, "the typed code arrives");
    }
    scanner.stop();
    ioctl(kbd, UI_DEV_DESTROY);
    ::close(kbd);
    return failures == 0 ? 0 : 1;
}
