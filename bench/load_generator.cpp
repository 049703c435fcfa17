#include "load_generator.hpp"

#include <mosquitto.h>

#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <thread>

namespace gw::bench {

namespace {

using Clock = std::chrono::steady_clock;

void check(int rc, const char* what) {
    if (rc != MOSQ_ERR_SUCCESS)
        throw std::runtime_error(std::string(what) + ": " + mosquitto_strerror(rc));
}

mosquitto* make_client(const std::string& id, void* self) {
    mosquitto* m = mosquitto_new(id.c_str(), true, self);
    if (!m) throw std::runtime_error("mosquitto_new failed");
    mosquitto_int_option(m, MOSQ_OPT_TCP_NODELAY, 1);
    return m;
}

/// "latency_us": N from an event, without parsing the whole JSON; -1 when absent.
int64_t find_latency(const char* p, size_t n) {
    static constexpr char kKey[] = "\"latency_us\":";
    const std::string_view s(p, n);
    const auto at = s.find(kKey);
    if (at == std::string_view::npos) return -1;
    return std::strtoll(p + at + sizeof(kKey) - 1, nullptr, 10);
}

std::string two_digits(int i) {
    return (i < 10 ? "0" : "") + std::to_string(i);
}

}  // namespace

LoadGenerator::LoadGenerator(LoadOptions opts) : opts_(std::move(opts)) {
    if (opts_.uids.empty()) throw std::invalid_argument("no card UIDs to tap");
    for (int i = 1; i <= opts_.readers; ++i) {
        keys_.push_back("r" + two_digits(i));
        topics_.push_back("bench/in/" + keys_.back());
    }
    mosquitto_lib_init();
    pub_ = make_client("campusgw-loadgen-pub", this);
    sub_ = make_client("campusgw-loadgen-sub", this);
    mosquitto_publish_callback_set(pub_, &LoadGenerator::on_publish);
    mosquitto_message_callback_set(sub_, &LoadGenerator::on_message);
    mosquitto_max_inflight_messages_set(pub_, static_cast<unsigned>(opts_.window));
}

LoadGenerator::~LoadGenerator() {
    for (auto* m : {pub_, sub_}) {
        mosquitto_disconnect(m);
        mosquitto_loop_stop(m, false);
        mosquitto_destroy(m);
    }
    mosquitto_lib_cleanup();
}

void LoadGenerator::connect() {
    for (auto* m : {sub_, pub_}) {
        check(mosquitto_connect(m, opts_.host.c_str(), opts_.port, 60), "connect");
        check(mosquitto_loop_start(m), "loop_start");
    }
    const char* pattern = opts_.gateway ? "campus/v1/+/+/access/#" : "bench/out/#";
    check(mosquitto_subscribe(sub_, nullptr, pattern, 1), "subscribe");
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // SUBACK, CONNACKs
}

void LoadGenerator::publish_tap() {
    {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return inflight_ < opts_.window; });
        ++inflight_;
    }
    const size_t reader = next_tap_ % keys_.size();
    const std::string& uid = opts_.uids[next_tap_ % opts_.uids.size()];
    ++next_tap_;
    matcher_.sent(keys_[reader], Clock::now());
    check(mosquitto_publish(pub_, nullptr, topics_[reader].c_str(), static_cast<int>(uid.size()),
                            uid.data(), 1, false),
          "publish");
}

PhaseResult LoadGenerator::finish(uint64_t taps) {
    matcher_.wait_for(taps, Clock::now() + opts_.drain_timeout);
    PhaseResult r;
    r.detail = matcher_.snapshot();
    r.taps = taps;
    r.events = r.detail.received;
    r.seconds = std::chrono::duration<double>(r.detail.last_received - r.detail.first_sent).count();
    return r;
}

PhaseResult LoadGenerator::sustained(uint64_t taps) {
    matcher_.start_phase();
    for (uint64_t i = 0; i < taps; ++i) publish_tap();
    return finish(taps);
}

PhaseResult LoadGenerator::paced(uint64_t rate, uint64_t seconds) {
    matcher_.start_phase();
    const uint64_t taps = rate * seconds;
    const auto interval = std::chrono::nanoseconds(1'000'000'000 / std::max<uint64_t>(rate, 1));
    auto next = Clock::now();
    for (uint64_t i = 0; i < taps; ++i) {
        std::this_thread::sleep_until(next);
        publish_tap();
        next += interval;
    }
    return finish(taps);
}

void LoadGenerator::on_publish(mosquitto*, void* self, int) {
    auto* g = static_cast<LoadGenerator*>(self);
    std::lock_guard lock(g->mu_);
    --g->inflight_;
    g->cv_.notify_all();
}

void LoadGenerator::on_message(mosquitto*, void* self, const mosquitto_message* msg) {
    const auto at = Clock::now();
    auto* g = static_cast<LoadGenerator*>(self);
    const char* slash = std::strrchr(msg->topic, '/');
    const std::string key = slash ? slash + 1 : msg->topic;
    const auto* payload = static_cast<const char*>(msg->payload);
    const int64_t decision = g->opts_.gateway && payload
                                 ? find_latency(payload, static_cast<size_t>(msg->payloadlen))
                                 : -1;
    g->matcher_.on_event(key, at, decision);
}

}  // namespace gw::bench
