#include "scanner_thread.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <bit>
#include <cerrno>
#include <cstring>
#include <random>
#include <vector>

#include "devices/scanner/keyboard_decoder.hpp"
#include "gateway/core/backoff.hpp"
#include "gateway/core/log.hpp"

namespace gw::dev::scanner {

namespace {

using Ms = std::chrono::milliseconds;
using SteadyClock = std::chrono::steady_clock;

std::string errno_text(const char* what) {
    return std::string(what) + ": " + std::strerror(errno);
}

}  // namespace

struct ScannerThread::Totals {
    std::atomic<uint64_t> lines{0}, overlong{0}, garbage{0}, unknown_keys{0};
};

struct ScannerThread::Worker {
    Worker(ScannerThreadOptions o, Opener open, core::DeviceEvents& sink,
           std::shared_ptr<Totals> all)
        : opts(std::move(o)),
          opener(std::move(open)),
          events(&sink),
          totals(std::move(all)),
          chan("dev." + opts.id),
          framer(opts.framer),
          backoff(opts.reopen_min, opts.reopen_max, std::random_device{}()) {
        int p[2];
        if (pipe2(p, O_CLOEXEC | O_NONBLOCK) == 0) {
            wake_r = UniqueFd(p[0]);
            wake_w = UniqueFd(p[1]);
        }
    }

    void run();
    void request_stop();
    std::string read_until_lost(int fd);
    void deliver(std::string_view bytes, SteadyClock::time_point now);
    void idle(SteadyClock::time_point now);
    void present(std::vector<std::string>& codes, SteadyClock::time_point now);
    void publish_counters();
    void count(const char* why, uint64_t& seen_count, uint64_t now, std::atomic<uint64_t>& total);
    int poll_timeout_ms() const;
    bool wait(Ms d);  // false when stopping
    void report(core::Availability a, const std::string& detail);

    ScannerThreadOptions opts;
    Opener opener;
    core::DeviceEvents* events;
    std::shared_ptr<Totals> totals;
    ScannerCounters seen;  // what the decoders had counted at the last publish_counters()
    std::string chan;
    LineFramer framer;
    KeyboardDecoder keyboard;
    core::Backoff backoff;
    UniqueFd wake_r, wake_w;
    std::atomic<bool> stopping{false};
    core::Availability state = core::Availability::Unknown;
};

ScannerThread::ScannerThread(ScannerThreadOptions opts, Opener open)
    : opts_(std::move(opts)), open_(std::move(open)), totals_(std::make_shared<Totals>()) {}

ScannerThread::~ScannerThread() {
    stop();
}

void ScannerThread::start(core::DeviceEvents& events) {
    if (thread_.joinable()) return;
    worker_ = std::make_shared<Worker>(opts_, open_, events, totals_);
    thread_ = std::thread([w = worker_] { w->run(); });
}

void ScannerThread::stop() {
    if (!thread_.joinable()) return;
    worker_->request_stop();
    thread_.join();  // the thread only blocks in poll(2), which the wake pipe ends
}

ScannerCounters ScannerThread::counters() const {
    return {totals_->lines.load(), totals_->overlong.load(), totals_->garbage.load(),
            totals_->unknown_keys.load()};
}

void ScannerThread::Worker::request_stop() {
    stopping = true;
    const char b = 1;
    if (wake_w && ::write(wake_w.get(), &b, 1) < 0) {
        // The pipe is full: a wake-up is pending already.
    }
}

void ScannerThread::Worker::report(core::Availability a, const std::string& detail) {
    if (stopping || a == state) return;  // state changes only
    state = a;
    events->availability(opts.id, a, detail);
}

bool ScannerThread::Worker::wait(Ms d) {
    pollfd p{wake_r.get(), POLLIN, 0};
    while (!stopping) {
        const int rc = ::poll(&p, 1, static_cast<int>(d.count()));
        if (rc >= 0 || errno != EINTR) break;
    }
    return !stopping;
}

void ScannerThread::Worker::run() {
    while (!stopping) {
        auto dev = opener(opts.path);
        if (!dev) {
            if (state != core::Availability::Offline)
                GW_LOG(Warning, chan,
                       core::LogLine("scanner cannot be opened; retrying with backoff")
                           .kv("path", opts.path)
                           .kv("err", dev.error().message()));
            report(core::Availability::Offline, dev.error().message());
            if (!wait(backoff.next())) break;
            continue;
        }
        report(core::Availability::Online, dev->detail);
        GW_LOG(Notice, chan, core::LogLine("scanner open").kv("path", opts.path));
        const auto opened = SteadyClock::now();
        const std::string why = read_until_lost(dev->fd.get());
        dev->fd.reset();
        framer.reset();  // a code cut by the loss is not presented
        keyboard.reset();
        if (stopping) break;
        GW_LOG(Warning, chan, core::LogLine("scanner lost; reopening").kv("why", why));
        report(core::Availability::Offline, why);
        if (SteadyClock::now() - opened >= opts.stable_session) backoff.reset();
        if (!wait(backoff.next())) break;
    }
}

std::string ScannerThread::Worker::read_until_lost(int fd) {
    char buf[4096];
    while (!stopping) {
        pollfd p[2] = {{fd, POLLIN, 0}, {wake_r.get(), POLLIN, 0}};
        const int rc = ::poll(p, 2, poll_timeout_ms());
        if (rc < 0 && errno == EINTR) continue;
        if (rc < 0) return errno_text("poll failed");
        if (p[1].revents != 0) break;
        if (rc == 0) {
            idle(SteadyClock::now());
            continue;
        }
        if (p[0].revents & POLLNVAL) return "device descriptor invalid";
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n > 0) {
            deliver(std::string_view(buf, static_cast<size_t>(n)), SteadyClock::now());
            continue;
        }
        if (n == 0) return "device hung up (end of file)";
        if (errno == EAGAIN || errno == EINTR) {
            if (p[0].revents & (POLLHUP | POLLERR)) return "device hung up";
            continue;
        }
        return errno_text("read failed");
    }
    return "stopping";
}

int ScannerThread::Worker::poll_timeout_ms() const {
    const auto due = framer.deadline();
    if (!due) return -1;
    const auto left = std::chrono::ceil<Ms>(*due - SteadyClock::now());
    return left.count() < 0 ? 0 : static_cast<int>(left.count());
}

void ScannerThread::Worker::deliver(std::string_view bytes, SteadyClock::time_point now) {
    std::vector<std::string> codes;
    if (opts.keyboard) {
        std::string typed;
        keyboard.feed(bytes, typed);
        framer.feed(typed, now, codes);
    } else {
        framer.feed(bytes, now, codes);
    }
    publish_counters();
    present(codes, now);
}

void ScannerThread::Worker::idle(SteadyClock::time_point now) {
    std::vector<std::string> codes;
    framer.idle(now, codes);
    publish_counters();
    present(codes, now);
}

void ScannerThread::Worker::present(std::vector<std::string>& codes, SteadyClock::time_point now) {
    for (auto& code : codes) {
        core::Presentation p;
        p.device_id = opts.id;
        p.kind = core::PresentationKind::QrText;
        p.secret = std::move(code);
        p.received = now;
        if (!stopping) events->presentation(std::move(p));
    }
}

void ScannerThread::Worker::publish_counters() {
    const auto& c = framer.counters();
    count("overlong", seen.overlong, c.overlong, totals->overlong);
    count("garbage", seen.garbage, c.garbage, totals->garbage);
    count("unknown_key", seen.unknown_keys, keyboard.unknown_keys(), totals->unknown_keys);
    totals->lines += c.lines - seen.lines;
    seen.lines = c.lines;
}

void ScannerThread::Worker::count(const char* why, uint64_t& seen_count, uint64_t now,
                                  std::atomic<uint64_t>& total) {
    if (now <= seen_count) return;
    const uint64_t added = now - seen_count;
    seen_count = now;
    const uint64_t after = total.fetch_add(added) + added;
    // Log the 1st, 2nd, 4th, 8th, ... so a noisy line cannot flood the journal.
    if (std::bit_floor(after) <= after - added) return;
    GW_LOG(Notice, chan,
           core::LogLine(std::string_view(why) == "unknown_key" ? "unknown key pressed"
                                                                : "scanned code dropped")
               .kv("why", why)
               .kv("total", static_cast<long long>(after)));
}

}  // namespace gw::dev::scanner
