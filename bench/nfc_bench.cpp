// campusgw-nfcbench: NFC reader figures through real libnfc and the PN532 emulator, against
// a running campusgw (bench/nfc starts it and the broker; see docs/benchmarks.md).
//
//   campusgw-nfcbench --links DIR/pn532 --readers K --broker HOST:PORT --base TOPIC
//                     --gateway-pid PID --master-key-file FILE [--taps N] [--idle-seconds S]
//
// 1. Plays K PN532 readers (links DIR/pn532-1 … -K, which the gateway's config names) and
//    waits for the gateway to report every reader online.
// 2. Idle: the gateway's CPU time (utime+stime, /proc/PID/stat) over S seconds while its K
//    readers poll an empty field.
// 3. Taps: N times, a genuine DESFire campus card arrives on reader 1 at a random phase of
//    the poll cycle; latency = the event's decision time ("time", ms) − the arrival (wall
//    clock, same host), and arrival → event received over MQTT (µs). The card then leaves.
// Prints a Markdown table. Exit 1 if a tap had no event.
#include <mosquitto.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>

#include "devices/nfc/desfire/campus_card.hpp"
#include "devices/nfc/desfire/master_key_file.hpp"
#include "latency_stats.hpp"
#include "pn532_emulator.hpp"

using namespace std::chrono_literals;
using json = nlohmann::json;
using gw::bench::LatencyStats;
using gw::test::pn532::Card;
using gw::test::pn532::DesfireApp;
using gw::test::pn532::Pn532Emulator;
namespace df = gw::dev::nfc::desfire;

namespace {

struct Options {
    std::string links, broker, base, key_file;
    int readers = 1, taps = 200, idle_seconds = 20;
    pid_t gateway = 0;
};

/// Collects the gateway's availability states and access events (libmosquitto thread).
class Watcher {
public:
    explicit Watcher(const Options& o) : base_(o.base) {
        mosquitto_lib_init();
        m_ = mosquitto_new("campusgw-nfcbench", true, this);
        mosquitto_message_callback_set(m_, [](mosquitto*, void* self, const mosquitto_message* msg) {
            static_cast<Watcher*>(self)->on_message(msg);
        });
        const auto colon = o.broker.rfind(':');
        if (mosquitto_connect(m_, o.broker.substr(0, colon).c_str(),
                              std::stoi(o.broker.substr(colon + 1)), 30) != MOSQ_ERR_SUCCESS ||
            mosquitto_subscribe(m_, nullptr, (base_ + "/#").c_str(), 1) != MOSQ_ERR_SUCCESS)
            throw std::runtime_error("cannot subscribe at " + o.broker);
        mosquitto_loop_start(m_);
    }
    ~Watcher() {
        mosquitto_disconnect(m_);
        mosquitto_loop_stop(m_, false);
        mosquitto_destroy(m_);
    }
    bool wait_online(int readers, std::chrono::seconds t) {
        std::unique_lock lk(mu_);
        return cv_.wait_for(lk, t, [&] {
            int n = 0;
            for (const auto& [dev, state] : states_) n += state == "online";
            return n >= readers;
        });
    }
    /// The next access event after `seen` events, with the time it was received.
    std::optional<std::pair<json, std::chrono::steady_clock::time_point>> wait_event(
        size_t seen, std::chrono::seconds t) {
        std::unique_lock lk(mu_);
        if (!cv_.wait_for(lk, t, [&] { return events_.size() > seen; })) return std::nullopt;
        return events_[seen];
    }
    size_t events() {
        std::lock_guard lk(mu_);
        return events_.size();
    }

private:
    void on_message(const mosquitto_message* msg) {
        const auto now = std::chrono::steady_clock::now();
        const std::string topic = msg->topic;
        const std::string payload(static_cast<const char*>(msg->payload),
                                  static_cast<size_t>(msg->payloadlen));
        std::lock_guard lk(mu_);
        if (topic.starts_with(base_ + "/access/")) events_.emplace_back(json::parse(payload), now);
        if (topic.ends_with("/availability"))
            states_[topic] = json::parse(payload).value("state", "");
        cv_.notify_all();
    }

    std::string base_;
    mosquitto* m_ = nullptr;
    std::mutex mu_;
    std::condition_variable cv_;
    std::map<std::string, std::string> states_;
    std::vector<std::pair<json, std::chrono::steady_clock::time_point>> events_;
};

/// utime + stime of a process, in seconds.
double cpu_seconds(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), {});
    std::istringstream rest(stat.substr(stat.rfind(')') + 2));
    std::string field;
    for (int i = 3; i <= 13; ++i) rest >> field;  // state .. cmajflt
    double utime = 0, stime = 0;
    rest >> utime >> stime;
    return (utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

/// "2026-01-01T08:00:00.123+08:00" → milliseconds since the epoch.
int64_t epoch_ms(const std::string& t) {
    std::tm tm{};
    int ms = 0, oh = 0, om = 0;
    char sign = '+';
    std::sscanf(t.c_str(), "%d-%d-%dT%d:%d:%d.%d%c%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &ms, &sign, &oh, &om);
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    const int64_t offset = (oh * 60 + om) * 60 * (sign == '-' ? -1 : 1);
    return (static_cast<int64_t>(timegm(&tm)) - offset) * 1000 + ms;
}

int64_t now_epoch_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i], v = argv[i + 1];
        if (k == "--links") o.links = v;
        else if (k == "--broker") o.broker = v;
        else if (k == "--base") o.base = v;
        else if (k == "--master-key-file") o.key_file = v;
        else if (k == "--readers") o.readers = std::stoi(v);
        else if (k == "--taps") o.taps = std::stoi(v);
        else if (k == "--idle-seconds") o.idle_seconds = std::stoi(v);
        else if (k == "--gateway-pid") o.gateway = static_cast<pid_t>(std::stol(v));
        else throw std::invalid_argument("unknown option " + k);
    }
    if (o.links.empty() || o.broker.empty() || o.base.empty() || o.key_file.empty() || !o.gateway)
        throw std::invalid_argument("--links, --broker, --base, --master-key-file and "
                                    "--gateway-pid are required");
    return o;
}

/// Taps the genuine card `taps` times on `emu`; false if an event did not come.
bool tap_series(const Options& o, Pn532Emulator& emu, Watcher& w, const Card& card,
                LatencyStats& decision_ms, LatencyStats& received_us) {
    std::mt19937 rng(2026);
    std::uniform_int_distribution<int> phase(0, 100);
    for (int i = 0; i < o.taps; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(150 + phase(rng)));
        const size_t seen = w.events();
        const auto t0 = std::chrono::steady_clock::now();
        const int64_t arrival = now_epoch_ms();
        emu.place_card(card);
        const auto e = w.wait_event(seen, 5s);
        emu.remove_card();
        if (!e || e->first.value("decision", "") != "allow") return false;
        decision_ms.add(epoch_ms(e->first["time"]) - arrival);
        received_us.add(
            std::chrono::duration_cast<std::chrono::microseconds>(e->second - t0).count());
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) try {
    const Options o = parse(argc, argv);
    auto master = df::load_master_key(o.key_file);
    if (!master) throw std::runtime_error(o.key_file + ": " + master.error().message());
    std::vector<std::unique_ptr<Pn532Emulator>> readers;
    for (int i = 1; i <= o.readers; ++i)
        readers.push_back(std::make_unique<Pn532Emulator>(o.links + "-" + std::to_string(i)));
    Watcher w(o);
    if (!w.wait_online(o.readers, 30s)) throw std::runtime_error("readers not online in 30 s");
    std::this_thread::sleep_for(2s);  // settle
    const double c0 = cpu_seconds(o.gateway);
    std::this_thread::sleep_for(std::chrono::seconds(o.idle_seconds));
    const double idle_pct = (cpu_seconds(o.gateway) - c0) * 100.0 / o.idle_seconds;

    const std::vector<uint8_t> uid{0x04, 0xA1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6};
    const Card card =
        Card::desfire_ev1(uid, DesfireApp::campus(*df::campus_read_key(*master, uid), "c-bench"));
    LatencyStats decision_ms, received_us;
    const bool ok = tap_series(o, *readers[0], w, card, decision_ms, received_us);
    std::printf("| readers | idle CPU of the gateway | taps | arrival→decision p50 / p99 / max "
                "| arrival→event received p50 / p99 |\n|---:|---:|---:|---|---|\n");
    std::printf("| %d | %.2f %% | %zu | %lld / %lld / %lld ms | %.1f / %.1f ms |\n", o.readers,
                idle_pct, decision_ms.size(), (long long)decision_ms.percentile(50),
                (long long)decision_ms.percentile(99), (long long)decision_ms.max(),
                static_cast<double>(received_us.percentile(50)) / 1000.0,
                static_cast<double>(received_us.percentile(99)) / 1000.0);
    if (!ok) std::fprintf(stderr, "nfcbench: a tap got no allow event\n");
    return ok ? 0 : 1;
} catch (const std::exception& e) {
    std::fprintf(stderr, "campusgw-nfcbench: %s\n", e.what());
    return 2;
}
