#include "outbox_publisher.hpp"

#include <algorithm>
#include <utility>

#include "mqtt_error.hpp"

namespace gw::adp::mqtt {
namespace {

constexpr int kLogErr = 3;
constexpr int kLogWarning = 4;
constexpr int kLogDebug = 7;
constexpr size_t kMaxWindow = 65535;  // MQTT packet ids are 16 bit

// Errors that will not go away by retrying the same entry: without removing the entry
// it would block every later event forever.
bool is_permanent(std::error_code ec) {
    return ec == MqttErrc::InvalidArgument || ec == MqttErrc::MalformedUtf8 ||
           ec == MqttErrc::PayloadTooLarge;
}

}  // namespace

OutboxPublisher::OutboxPublisher(core::Outbox& outbox, OutboxSender& sender, size_t window,
                                 LogFn log)
    : outbox_(outbox),
      sender_(sender),
      window_(std::clamp<size_t>(window, 1, kMaxWindow)),
      log_(std::move(log)) {}

void OutboxPublisher::pump() {
    while (sender_.connected() && in_flight_.size() < window_) {
        const auto batch = outbox_.pending(last_sent_seq_, window_ - in_flight_.size());
        bool progressed = false;
        for (const auto& e : batch) {
            if (e.seq <= last_sent_seq_) continue;  // defensive: a store must not go back
            if (!publish_entry(e)) return;
            progressed = true;
        }
        if (!progressed) return;
    }
}

bool OutboxPublisher::publish_entry(const core::OutboxEntry& e) {
    auto r = sender_.publish_qos1(e.topic, e.payload);
    if (r) {
        if (!in_flight_.insert_or_assign(*r, e.seq).second) {
            // Only possible with more than 65535 ids issued while one is unacknowledged;
            // the older entry stays in the outbox and is re-sent after a restart.
            log(kLogWarning, "message id reused mid=" + std::to_string(*r));
        }
        last_sent_seq_ = e.seq;
        ++stats_.published;
        last_publish_error_ = {};
        return true;
    }
    const std::error_code code = r.error().code;
    if (is_permanent(code)) {
        log(kLogErr, "outbox entry rejected seq=" + std::to_string(e.seq) + " topic=" + e.topic +
                         " err=" + r.error().message());
        acked_.push_back(e.seq);
        last_sent_seq_ = e.seq;
        ++stats_.rejected;
        return true;
    }
    ++stats_.publish_errors;
    if (code != last_publish_error_) {
        const bool offline = code == MqttErrc::NotConnected;
        log(offline ? kLogDebug : kLogWarning,
            "outbox publish deferred seq=" + std::to_string(e.seq) + " err=" + r.error().message());
        last_publish_error_ = code;
    }
    return false;
}

void OutboxPublisher::on_ack(int mid) {
    const auto it = in_flight_.find(mid);
    if (it == in_flight_.end()) return;
    acked_.push_back(it->second);
    in_flight_.erase(it);
}

void OutboxPublisher::flush_acks() {
    if (acked_.empty()) return;
    std::sort(acked_.begin(), acked_.end());
    const auto st = outbox_.remove(acked_);
    if (!st) {
        ++stats_.remove_errors;
        log(kLogErr, "outbox remove failed count=" + std::to_string(acked_.size()) +
                         " err=" + st.error().message());
        return;
    }
    stats_.acked += acked_.size();
    acked_.clear();
}

void OutboxPublisher::on_connected() {
    last_publish_error_ = {};
    pump();
}

void OutboxPublisher::on_disconnected() {
    // Nothing to undo: libmosquitto keeps the in-flight messages and re-sends them after
    // the next CONNACK with the same message ids, whose PUBACKs then reach on_ack().
}

void OutboxPublisher::reset() {
    flush_acks();
    in_flight_.clear();
    last_sent_seq_ = 0;
    last_publish_error_ = {};
}

void OutboxPublisher::log(int level, std::string line) const {
    if (log_) log_(level, std::move(line));
}

}  // namespace gw::adp::mqtt
