#pragma once
// The single-threaded core loop (house style §2). Owns the order of effects for a burst of
// presentations: decide all → append all events → ONE durable commit → only then act
// (doors, reader answers) → publish from the outbox. Device and adapter threads only post
// messages (it implements core::DeviceEvents for them).
#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "event_queue.hpp"
#include "metrics.hpp"
#include "gateway/core/access_service.hpp"
#include "gateway/core/device.hpp"
#include "gateway/core/outbox.hpp"
#include "gateway/core/topology.hpp"
#include "retained_state.hpp"
#include "seq_guard.hpp"

namespace gw::adp::mqtt {
class OutboxPublisher;
}

namespace gw::app {

struct LoopDeps {
    core::AccessService& service;
    core::UnitOfWork& uow;
    core::Outbox& outbox;
    core::RosterView& roster;
    adp::mqtt::OutboxPublisher& publisher;
    RetainedState& retained;
    const core::Clock& clock;
    const core::TimeZone& tz;
    std::string config_hash;
};

class CoreLoop final : public core::DeviceEvents {
public:
    explicit CoreLoop(LoopDeps deps);

    // core::DeviceEvents — called from any thread.
    void presentation(core::Presentation p) override { queue_.push(std::move(p)); }
    void availability(const std::string& device, core::Availability a,
                      std::string detail) override {
        queue_.push(AvailabilityChange{device, a, std::move(detail)});
    }
    void post(LoopMessage m) { queue_.push(std::move(m)); }

    /// Swaps in a new topology and device set (on the loop thread, between batches).
    void set_topology(std::shared_ptr<const core::Topology> t) { topology_ = std::move(t); }
    void set_devices(std::map<std::string, core::Device*> devices) { devices_ = std::move(devices); }
    void set_config_hash(std::string h) { deps_.config_hash = std::move(h); }
    void on_reload(std::function<void()> f) { reload_ = std::move(f); }
    void on_request(std::function<void(const RequestReceived&)> f) { request_ = std::move(f); }
    /// Adds what the loop does not know itself (request counters) to a scrape.
    void on_scrape(std::function<void(MetricsFacts&)> f) { scrape_ = std::move(f); }
    /// [store] batch_window: after a presentation arrives, wait up to this long for more
    /// before committing, so bursts share one fsync. 0 (default) commits at once.
    void set_batch_window(std::chrono::milliseconds w) { batch_window_ = w; }
    /// Called on the loop thread after every turn (at least every `max_wait`): the
    /// service watchdog and status live here, so a stuck loop stops feeding them.
    /// Several may be added; the shortest max_wait wins.
    void on_tick(std::function<void()> f, std::chrono::milliseconds max_wait) {
        ticks_.push_back(std::move(f));
        max_wait_ = std::min(max_wait_, max_wait);
    }
    /// Called around the work of every turn (not around the wait): the app brackets the
    /// MQTT client's burst with them, so a turn's events and answers leave together.
    void on_turn(std::function<void()> begin, std::function<void()> end) {
        turn_begin_ = std::move(begin);
        turn_end_ = std::move(end);
    }
    /// One line for systemd's STATUS=: devices, broker, outbox.
    std::string status_line();

    /// Runs until a StopRequested message; then returns (the caller stops devices and
    /// calls finish()).
    void run();
    /// Processes what is still queued and tries to deliver the outbox until `grace` ends.
    void finish(std::chrono::milliseconds grace);

    InfoFacts info_facts();
    /// The Prometheus exposition (loop thread only).
    std::string metrics_text();

private:
    bool turn(std::vector<LoopMessage>& batch);          // false on StopRequested
    bool handle_batch(std::vector<LoopMessage>& batch);  // false on StopRequested
    void process_taps(std::vector<core::Presentation>& taps);
    void act(const core::Presentation& p, const core::Outcome& o);
    void maybe_publish_info();
    void flush_acks_if_due(bool flushed_with_batch);
    /// Acks, info seqs and connection changes; false for other messages.
    bool handle_broker(const LoopMessage& m);
    void broker_connected();
    /// The SeqGuard's probe was answered: move past earlier seqs, then publish.
    void settle();
    void pump();
    bool announce_unwritten();
    /// Each device's refusal counters (devices that count none are left out).
    std::map<std::string, std::vector<core::DeviceCounter>> device_counters() const;

    LoopDeps deps_;
    EventQueue queue_;
    std::shared_ptr<const core::Topology> topology_;
    std::map<std::string, core::Device*> devices_;
    std::function<void()> reload_;
    std::function<void(const RequestReceived&)> request_;
    std::function<void(MetricsFacts&)> scrape_;
    Metrics metrics_;
    SeqGuard guard_;
    uint64_t announced_ = 0;  // the last_seq of the last info the client took (SeqGuard)
    bool connected_ = false;
    uint64_t decisions_ = 0;
    uint64_t malformed_ = 0;
    uint64_t unbound_ = 0;
    std::chrono::steady_clock::time_point last_info_{};
    std::chrono::steady_clock::time_point last_info_check_{};
    std::string last_info_key_;
    std::chrono::steady_clock::time_point last_ack_flush_{};
    std::chrono::milliseconds batch_window_{0};
    std::vector<std::function<void()>> ticks_;
    std::function<void()> turn_begin_;
    std::function<void()> turn_end_;
    std::chrono::milliseconds max_wait_{1000};
};

}  // namespace gw::app
