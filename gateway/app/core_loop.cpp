#include "core_loop.hpp"

#include "adapters/mqtt/outbox_publisher.hpp"
#include "gateway/core/log.hpp"

namespace gw::app {

namespace {
constexpr size_t kMaxBatch = 1024;
constexpr auto kInfoEvery = std::chrono::seconds(60);
constexpr auto kInfoCheckEvery = std::chrono::seconds(1);
constexpr auto kAckFlushEvery = std::chrono::milliseconds(250);
const char* kChan = "core";

bool has_presentation(const std::vector<LoopMessage>& batch) {
    for (const auto& m : batch)
        if (std::holds_alternative<core::Presentation>(m)) return true;
    return false;
}

std::string since_now(const core::Clock& clock, const core::TimeZone& tz) {
    return core::format_rfc3339(tz.to_local(clock.now()));
}
}  // namespace

CoreLoop::CoreLoop(LoopDeps deps)
    : deps_(std::move(deps)), guard_(deps_.outbox.next_seq()) {}

void CoreLoop::run() {
    std::vector<LoopMessage> batch;
    for (;;) {
        batch.clear();
        queue_.drain(batch, max_wait_, kMaxBatch);
        if (batch_window_.count() > 0 && has_presentation(batch))
            queue_.drain(batch, batch_window_, kMaxBatch);  // grow the group commit
        if (!turn(batch)) return;
    }
}

bool CoreLoop::turn(std::vector<LoopMessage>& batch) {
    if (turn_begin_) turn_begin_();
    const bool keep_running = handle_batch(batch);
    if (keep_running) {
        maybe_publish_info();
        for (auto& tick : ticks_) tick();
    }
    if (turn_end_) turn_end_();
    return keep_running;
}

bool CoreLoop::handle_batch(std::vector<LoopMessage>& batch) {
    std::vector<core::Presentation> taps;
    bool keep_running = true;
    for (auto& m : batch) {
        if (auto* p = std::get_if<core::Presentation>(&m)) {
            taps.push_back(std::move(*p));
        } else if (auto* a = std::get_if<AvailabilityChange>(&m)) {
            deps_.retained.set_availability(a->device, a->state, a->detail,
                                            since_now(deps_.clock, deps_.tz));
        } else if (handle_broker(m)) {
        } else if (std::holds_alternative<ReloadRequested>(m)) {
            if (reload_) reload_();
        } else if (auto* req = std::get_if<RequestReceived>(&m)) {
            if (request_) request_(*req);
        } else if (auto* scrape = std::get_if<MetricsScrape>(&m)) {
            scrape->reply->set_value(metrics_text());
        } else if (std::holds_alternative<StopRequested>(m)) {
            keep_running = false;
        }
    }
    process_taps(taps);
    flush_acks_if_due(!taps.empty());
    pump();
    return keep_running;
}

bool CoreLoop::handle_broker(const LoopMessage& m) {
    if (auto* ack = std::get_if<PublishAcked>(&m)) {
        if (guard_.acked(ack->mid)) settle();
        else deps_.publisher.on_ack(ack->mid);
    } else if (auto* seen = std::get_if<SeqSeen>(&m)) {
        guard_.saw(seen->last_seq);
    } else if (std::holds_alternative<BrokerConnected>(m)) {
        connected_ = true;
        GW_LOG(Notice, "adp.mqtt", core::LogLine("broker connected"));
        broker_connected();
    } else if (auto* d = std::get_if<BrokerDisconnected>(&m)) {
        if (connected_)
            GW_LOG(Warning, "adp.mqtt", core::LogLine("broker lost").kv("why", d->reason));
        connected_ = false;
        guard_.disconnected();
        deps_.publisher.on_disconnected();
    } else {
        return false;
    }
    return true;
}

void CoreLoop::broker_connected() {
    last_info_ = std::chrono::steady_clock::now();
    if (guard_.settled()) {
        deps_.publisher.on_connected();
        deps_.retained.publish_all(info_facts());
        return;
    }
    // First connection of this run: nothing but status and availability until the
    // retained info of earlier runs has been read (SeqGuard).
    deps_.retained.publish_devices();
    if (auto id = deps_.retained.publish_status_confirmed()) guard_.probing(*id);
}

void CoreLoop::settle() {
    const uint64_t used = guard_.seen(), first = guard_.first_of_run();
    if (used >= first) {
        if (auto st = deps_.outbox.continue_after(used, first); !st)
            GW_LOG(Err, kChan, core::LogLine("cannot move seqs past an earlier run's")
                                   .kv("err", st.error().message()));
    }
    const InfoFacts facts = info_facts();
    if (deps_.retained.publish_info_confirmed(facts)) announced_ = facts.last_seq;
    deps_.publisher.on_connected();
}

void CoreLoop::pump() {
    if (guard_.settled() && announce_unwritten()) deps_.publisher.pump();
}

bool CoreLoop::announce_unwritten() {
    // Events the disk has not taken may be published only after the broker holds an
    // `info` whose last_seq covers them (SeqGuard): retained, QoS 1, ahead of them.
    if (deps_.outbox.highest_unwritten_seq() <= announced_) return true;
    const InfoFacts facts = info_facts();
    if (!deps_.retained.publish_info_confirmed(facts)) return false;
    announced_ = facts.last_seq;
    return true;
}

void CoreLoop::process_taps(std::vector<core::Presentation>& taps) {
    if (taps.empty()) return;
    std::vector<std::pair<const core::Presentation*, core::Outcome>> done;
    done.reserve(taps.size());
    if (auto st = deps_.uow.begin(); !st) {
        GW_LOG(Err, kChan, core::LogLine("store begin failed").kv("err", st.error().message()));
        return;
    }
    deps_.service.begin_batch();
    for (const auto& p : taps) {
        auto r = deps_.service.handle(p, *topology_);
        if (!r) {
            ++unbound_;
            GW_LOG(Warning, kChan, core::LogLine("presentation dropped")
                                       .kv("device", p.device_id).kv("why", r.error().context));
            continue;
        }
        done.emplace_back(&p, std::move(r.value()));
    }
    // Acknowledged events leave the outbox in the same commit: no fsync of their own.
    deps_.publisher.flush_acks();
    last_ack_flush_ = std::chrono::steady_clock::now();
    if (auto st = deps_.uow.commit(); !st) {
        deps_.uow.rollback();
        GW_LOG(Err, kChan, core::LogLine("event commit failed; decisions not acted on")
                               .kv("events", static_cast<long long>(done.size()))
                               .kv("err", st.error().message()));
        return;
    }
    for (const auto& [p, o] : done) act(*p, o);
}

void CoreLoop::act(const core::Presentation& p, const core::Outcome& o) {
    const auto& d = o.event.decision;
    ++decisions_;
    if (d.reason == core::Reason::Malformed) {
        ++malformed_;
        metrics_.record_malformed_presentation();
    }
    metrics_.record_decision(o.point->id, d.allowed(), d.reason, o.event.latency_us);
    // A device that opens by itself on an allowing answer (remote verification) gets the
    // answer through feedback() only: a second, remote open would be redundant.
    const bool answered_by_device = p.device_opens && o.point->door_id == p.device_id;
    if (d.allowed() && !o.point->door_id.empty() && !answered_by_device) {
        if (auto it = devices_.find(o.point->door_id); it != devices_.end())
            it->second->open_door();
    }
    if (auto it = devices_.find(p.device_id); it != devices_.end()) it->second->feedback(p, d);
    GW_LOG(Debug, kChan, core::LogLine("decision")
                             .kv("point", o.point->id).kv("ref", d.credential_ref)
                             .kv("decision", d.allowed() ? "allow" : "deny")
                             .kv("reason", core::to_string(d.reason))
                             .kv("seq", static_cast<long long>(o.event.seq)));
}

void CoreLoop::flush_acks_if_due(bool flushed_with_batch) {
    // Deleting acknowledged events needs no durability of its own (a lost delete means a
    // re-send, which consumers de-duplicate), so when no decision batch carries them they
    // are removed in a standalone commit at most every kAckFlushEvery.
    if (flushed_with_batch || deps_.publisher.acks_pending() == 0) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ack_flush_ < kAckFlushEvery && deps_.publisher.in_flight() > 0) return;
    deps_.publisher.flush_acks();
    last_ack_flush_ = now;
}

InfoFacts CoreLoop::info_facts() {
    InfoFacts f;
    f.config_hash = deps_.config_hash;
    f.roster_cursor = deps_.roster.roster_cursor();
    const auto now = deps_.clock.now();
    if (auto at = deps_.roster.roster_updated_at())
        f.roster_age_s = std::chrono::duration_cast<std::chrono::seconds>(now - *at).count();
    f.outbox = deps_.outbox.stats();
    f.now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch())
                   .count();
    f.decisions = decisions_;
    f.malformed = malformed_;
    f.last_seq = deps_.outbox.next_seq() - 1;
    f.device_counters = device_counters();
    return f;
}

std::string CoreLoop::metrics_text() {
    MetricsFacts f;
    f.outbox = deps_.outbox.stats();
    const auto now = deps_.clock.now();
    f.now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch())
                   .count();
    f.mqtt_connected = connected_;
    f.devices = deps_.retained.device_states();
    if (auto at = deps_.roster.roster_updated_at())
        f.roster_age_s = std::chrono::duration_cast<std::chrono::seconds>(now - *at).count();
    f.device_counters = device_counters();
    if (scrape_) scrape_(f);
    return metrics_.render(f);
}

std::map<std::string, std::vector<core::DeviceCounter>> CoreLoop::device_counters() const {
    std::map<std::string, std::vector<core::DeviceCounter>> out;
    for (const auto& [id, device] : devices_)
        if (auto c = device->counters(); !c.empty()) out.emplace(id, std::move(c));
    return out;
}

void CoreLoop::maybe_publish_info() {
    // Republished when something an operator watches changed (roster, config, devices,
    // dropped events, the store's write alarm, the e-ID sync's state and error, trust list
    // version and revocations), checked once a second, and at least every kInfoEvery.
    const auto now = std::chrono::steady_clock::now();
    if (!connected_ || !guard_.settled() || now - last_info_check_ < kInfoCheckEvery) return;
    last_info_check_ = now;
    const InfoFacts facts = info_facts();
    const std::string key = facts.roster_cursor + "|" + deps_.config_hash + "|" +
                            deps_.retained.device_summary() + "|" +
                            std::to_string(facts.outbox.dropped) + "|" +
                            facts.outbox.store_error + "|" + deps_.retained.eid_summary();
    if (key == last_info_key_ && now - last_info_ < kInfoEvery) return;
    deps_.retained.publish_info(facts);
    last_info_key_ = key;
    last_info_ = now;
}

std::string CoreLoop::status_line() {
    return "devices " + deps_.retained.device_summary() + " (online/offline/unknown), mqtt " +
           (connected_ ? "connected" : "disconnected") + ", outbox " +
           std::to_string(deps_.outbox.stats().depth);
}

void CoreLoop::finish(std::chrono::milliseconds grace) {
    const auto deadline = std::chrono::steady_clock::now() + grace;
    std::vector<LoopMessage> batch;
    do {
        batch.clear();
        queue_.drain(batch, std::chrono::milliseconds(50), kMaxBatch);
        if (turn_begin_) turn_begin_();
        handle_batch(batch);
        if (turn_end_) turn_end_();
    } while (deps_.outbox.stats().depth > 0 && connected_ &&
             std::chrono::steady_clock::now() < deadline);
}

}  // namespace gw::app
