#define BOOST_TEST_MODULE scanner_driver
#include <fcntl.h>
#include <linux/input.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "devices/scanner/evdev_scanner.hpp"
#include "devices/scanner/serial_scanner.hpp"
#include "tests/support/key_events.hpp"
#include "tests/support/pty_scanner.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/time_scale.hpp"

using namespace gw::dev::scanner;
using namespace std::chrono_literals;
using gw::core::Availability;
using gw::core::Presentation;
using gw::core::PresentationKind;
using gw::test::PtyScanner;
using gw::test::TempDir;

namespace {

/// What the driver reported, with waits for what a test expects next.
class Recorder final : public gw::core::DeviceEvents {
public:
    void presentation(Presentation p) override {
        std::lock_guard lk(mu_);
        presentations_.push_back(std::move(p));
        cv_.notify_all();
    }
    void availability(const std::string&, Availability a, std::string detail) override {
        std::lock_guard lk(mu_);
        states_.emplace_back(a, std::move(detail));
        cv_.notify_all();
    }
    /// Waits until `n` presentations arrived; returns their texts.
    std::vector<std::string> texts(size_t n, std::chrono::milliseconds limit = 3s) {
        std::unique_lock lk(mu_);
        cv_.wait_for(lk, limit, [&] { return presentations_.size() >= n; });
        std::vector<std::string> out;
        for (const auto& p : presentations_) out.push_back(p.secret);
        return out;
    }
    /// Waits until the device has reported `a` `count` times in all; returns the last detail.
    std::string wait_state(Availability a, int count = 1, std::chrono::milliseconds limit = 3s) {
        std::unique_lock lk(mu_);
        std::string detail = "(not reported)";
        cv_.wait_for(lk, limit, [&] {
            int seen = 0;
            for (const auto& [s, d] : states_)
                if (s == a && ++seen == count) detail = d;
            return seen >= count;
        });
        return detail;
    }
    Availability last_state() {
        std::lock_guard lk(mu_);
        return states_.empty() ? Availability::Unknown : states_.back().first;
    }
    std::vector<Presentation> presentations() {
        std::lock_guard lk(mu_);
        return presentations_;
    }

private:
    std::mutex mu_;
    std::condition_variable cv_;
    std::vector<Presentation> presentations_;
    std::vector<std::pair<Availability, std::string>> states_;
};

SerialScannerOptions serial_options(const std::string& path) {
    SerialScannerOptions o;
    o.id = "scan-1";
    o.path = path;
    o.reopen_min = 20ms;
    o.reopen_max = 100ms;
    return o;
}

template <class Fn>
bool eventually(Fn fn, std::chrono::milliseconds limit = 3s) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (!fn()) {
        if (std::chrono::steady_clock::now() > end) return false;
        std::this_thread::sleep_for(5ms);
    }
    return true;
}

}  // namespace

BOOST_AUTO_TEST_CASE(serial_codes_become_qr_text_presentations) {
    TempDir dir;
    PtyScanner pty(dir / "scanner");
    SerialScanner scanner(serial_options(pty.path()));
    Recorder rec;
    scanner.start(rec);
    const auto detail = rec.wait_state(Availability::Online);
    BOOST_TEST(detail == pty.path() + " 9600 8N1");
    pty.scan("CEID1:6BFOXN%TS3DH");  // CR LF
    pty.write("VENUE-");             // a line split across writes...
    std::this_thread::sleep_for(20ms);
    pty.write("7\r");                            // ...ended by CR
    pty.write("\n");                             // the LF of CRLF in a later read
    pty.scan("https://v.example/场所/1", "\n");  // LF, UTF-8
    const auto texts = rec.texts(3);
    BOOST_TEST(texts == (std::vector<std::string>{"CEID1:6BFOXN%TS3DH", "VENUE-7",
                                                  "https://v.example/场所/1"}),
               boost::test_tools::per_element());
    const auto ps = rec.presentations();
    BOOST_REQUIRE(!ps.empty());
    BOOST_TEST((ps[0].kind == PresentationKind::QrText));
    BOOST_TEST(ps[0].device_id == "scan-1");
    BOOST_TEST((ps[0].received != std::chrono::steady_clock::time_point{}));
    BOOST_TEST(scanner.scan_counters().lines == 3u);
    BOOST_TEST(scanner.scan_counters().garbage == 0u);
    BOOST_TEST(scanner.scan_counters().overlong == 0u);
}

BOOST_AUTO_TEST_CASE(serial_garbage_noise_and_10kb_lines_are_dropped_and_counted) {
    PtyScanner pty;
    auto opts = serial_options(pty.path());
    opts.baud = 115200;
    opts.parity = Parity::Even;
    SerialScanner scanner(opts);
    Recorder rec;
    scanner.start(rec);
    BOOST_TEST(rec.wait_state(Availability::Online) == pty.path() + " 115200 8E1");
    pty.write(std::string("CEID1:A\0B\r\n", 11));  // a NUL (parity error, break)
    std::string noise;
    for (int i = 0; i < 1500; ++i) {  // every byte value but CR and LF
        const auto b = static_cast<char>((i * 37 + 11) % 256);
        if (b != '\r' && b != '\n') noise.push_back(b);
    }
    pty.write(noise + "\r\n");                        // binary noise
    pty.write(std::string(10 * 1024, 'A') + "\r\n");  // a 10 KB line
    pty.scan("CEID1:AFTER");
    BOOST_TEST(rec.texts(1) == (std::vector<std::string>{"CEID1:AFTER"}),
               boost::test_tools::per_element());
    const auto c = scanner.scan_counters();
    BOOST_TEST(c.lines == 1u);
    BOOST_TEST(c.overlong == 1u);  // the 10 KB line
    BOOST_TEST(c.garbage == 2u);   // the NUL line and the noise
    BOOST_TEST(rec.presentations().size() == 1u);
}

BOOST_AUTO_TEST_CASE(serial_idle_terminator_ends_codes_without_suffix) {
    PtyScanner pty;
    auto opts = serial_options(pty.path());
    opts.idle_terminator = 50ms;
    SerialScanner scanner(opts);
    Recorder rec;
    scanner.start(rec);
    rec.wait_state(Availability::Online);
    const auto sent = std::chrono::steady_clock::now();
    pty.scan("CEID1:NOSUFFIX", "");
    BOOST_TEST(rec.texts(1) == (std::vector<std::string>{"CEID1:NOSUFFIX"}),
               boost::test_tools::per_element());
    const auto took = std::chrono::steady_clock::now() - sent;
    BOOST_TEST((took >= 50ms));
    BOOST_TEST((took < gw::test::scaled(1s)));
    pty.scan("SECOND", "");
    BOOST_TEST(rec.texts(2).size() == 2u);
}

BOOST_AUTO_TEST_CASE(serial_unplug_is_offline_and_replug_reopens) {
    TempDir dir;
    PtyScanner pty(dir / "scanner");
    SerialScanner scanner(serial_options(pty.path()));
    Recorder rec;
    scanner.start(rec);
    rec.wait_state(Availability::Online);
    pty.write("CUT-BY-UNPL");  // a code the unplug cuts off is not presented
    std::this_thread::sleep_for(50ms);
    pty.unplug();
    const auto lost = rec.wait_state(Availability::Offline);
    BOOST_TEST(lost != "(not reported)");
    BOOST_TEST_MESSAGE("offline: " << lost);
    std::this_thread::sleep_for(150ms);  // a few reopen attempts fail: the link is gone
    BOOST_TEST((rec.last_state() == Availability::Offline));
    pty.replug();
    BOOST_TEST(rec.wait_state(Availability::Online, 2) != "(not reported)");
    pty.scan("CEID1:BACK");
    BOOST_TEST(rec.texts(1) == (std::vector<std::string>{"CEID1:BACK"}),
               boost::test_tools::per_element());
    BOOST_TEST(scanner.scan_counters().garbage == 0u);
}

BOOST_AUTO_TEST_CASE(serial_missing_device_is_offline_and_stop_is_prompt) {
    TempDir dir;
    auto opts = serial_options((dir / "no-such-tty").string());
    opts.reopen_min = 5s;  // stop() must not wait for the backoff
    opts.reopen_max = 5s;
    SerialScanner scanner(opts);
    Recorder rec;
    scanner.start(rec);
    const auto why = rec.wait_state(Availability::Offline);
    BOOST_TEST(why.find("cannot open") != std::string::npos);
    BOOST_TEST(why.find("No such file") != std::string::npos);
    const auto t = std::chrono::steady_clock::now();
    scanner.stop();
    BOOST_TEST((std::chrono::steady_clock::now() - t < gw::test::scaled(1s)));
}

BOOST_AUTO_TEST_CASE(serial_stop_while_reading_is_prompt_and_final) {
    PtyScanner pty;
    SerialScanner scanner(serial_options(pty.path()));
    Recorder rec;
    scanner.start(rec);
    rec.wait_state(Availability::Online);
    const auto t = std::chrono::steady_clock::now();
    scanner.stop();
    BOOST_TEST((std::chrono::steady_clock::now() - t < gw::test::scaled(1s)));
    pty.scan("CEID1:LATE");
    std::this_thread::sleep_for(100ms);
    BOOST_TEST(rec.presentations().empty());
}

BOOST_AUTO_TEST_CASE(serial_not_a_tty_is_offline) {
    TempDir dir;
    const auto file = dir / "plain-file";
    ::close(::open(file.c_str(), O_CREAT | O_WRONLY, 0600));
    SerialScanner scanner(serial_options(file.string()));
    Recorder rec;
    scanner.start(rec);
    BOOST_TEST(rec.wait_state(Availability::Offline).find("not a tty") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(evdev_records_from_a_fifo_become_presentations) {
    TempDir dir;
    const auto fifo = dir / "event-kbd";
    BOOST_REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    EvdevScannerOptions o;
    o.id = "scan-2";
    o.path = fifo.string();
    o.reopen_min = 20ms;
    o.reopen_max = 100ms;
    EvdevScanner scanner(o);
    Recorder rec;
    scanner.start(rec);
    BOOST_TEST(rec.wait_state(Availability::Online).find("not grabbed") != std::string::npos);
    const int w = ::open(fifo.c_str(), O_WRONLY | O_CLOEXEC);
    BOOST_REQUIRE(w >= 0);
    const std::string stream = gw::test::type_text("CEID1:6BF OXN$%*+-./:\r") +
                               gw::test::key_record(KEY_F7, 1) +  // unknown key: code dropped
                               gw::test::type_text("x\r") +
                               gw::test::type_text(std::string(5000, '7') + "\r") +
                               gw::test::type_text("https://v.example/a?b=1\r");
    for (size_t i = 0; i < stream.size(); i += 1000) {  // record boundaries cut anywhere
        const auto part = stream.substr(i, 1000);
        BOOST_REQUIRE(::write(w, part.data(), part.size()) == static_cast<ssize_t>(part.size()));
    }
    BOOST_TEST(rec.texts(2) ==
                   (std::vector<std::string>{"CEID1:6BF OXN$%*+-./:", "https://v.example/a?b=1"}),
               boost::test_tools::per_element());
    BOOST_TEST(eventually([&] { return scanner.scan_counters().unknown_keys == 1u; }));
    BOOST_TEST(scanner.scan_counters().garbage == 1u);
    BOOST_TEST(scanner.scan_counters().overlong == 1u);
    BOOST_TEST((rec.presentations().at(0).kind == PresentationKind::QrText));
    ::close(w);  // the writer goes away: like an unplugged scanner
    BOOST_TEST(rec.wait_state(Availability::Offline) != "(not reported)");
    BOOST_TEST(rec.wait_state(Availability::Online, 2) != "(not reported)");
    // A FIFO without a writer reads as end of file, so the driver keeps reopening it; a
    // writer that comes between its read and its close loses its bytes: write until seen.
    ::signal(SIGPIPE, SIG_IGN);
    const auto again = gw::test::type_text("AGAIN\r");
    for (int attempt = 0; attempt < 20 && rec.texts(3, 0ms).size() < 3; ++attempt) {
        const int w2 = ::open(fifo.c_str(), O_WRONLY | O_CLOEXEC);
        BOOST_REQUIRE(w2 >= 0);
        if (::write(w2, again.data(), again.size()) == static_cast<ssize_t>(again.size()))
            rec.texts(3, 300ms);
        ::close(w2);
    }
    BOOST_TEST(rec.texts(3, 0ms).back() == "AGAIN");
    const auto t = std::chrono::steady_clock::now();
    scanner.stop();
    BOOST_TEST((std::chrono::steady_clock::now() - t < gw::test::scaled(1s)));
}

BOOST_AUTO_TEST_CASE(serial_counters_are_kept_across_stop_and_start) {
    PtyScanner pty;
    SerialScanner scanner(serial_options(pty.path()));
    BOOST_TEST(scanner.scan_counters().lines == 0u);  // readable before start
    Recorder rec;
    scanner.start(rec);
    rec.wait_state(Availability::Online);
    pty.write("\x1b\r");
    BOOST_TEST(eventually([&] { return scanner.scan_counters().garbage == 1u; }));
    scanner.stop();
    Recorder again;
    scanner.start(again);
    again.wait_state(Availability::Online);
    pty.scan("CEID1:OK");
    BOOST_TEST(again.texts(1).size() == 1u);
    BOOST_TEST(scanner.scan_counters().garbage == 1u);
    BOOST_TEST(scanner.scan_counters().lines == 1u);
}
