#include "metrics.hpp"

#include <cstdio>

#include "version.hpp"

namespace gw::app {
namespace {

/// Label values: backslash, double quote and newline escaped (the format's only rules).
std::string label(std::string_view v) {
    std::string out;
    for (char c : v) {
        if (c == '\\' || c == '"') out.push_back('\\');
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out.push_back(c);
    }
    return out;
}

void family(std::string& out, const char* name, const char* type, const char* help) {
    out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
}

void sample(std::string& out, const std::string& name_and_labels, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, " %.17g\n", v);
    out += name_and_labels + buf;
}

void sample(std::string& out, const std::string& name_and_labels, uint64_t v) {
    out += name_and_labels + " " + std::to_string(v) + "\n";
}

void render_outbox(std::string& out, const MetricsFacts& f) {
    family(out, "campusgw_outbox_depth", "gauge", "Events stored and not yet acknowledged by the broker.");
    sample(out, "campusgw_outbox_depth", f.outbox.depth);
    family(out, "campusgw_outbox_oldest_age_seconds", "gauge",
           "Age of the oldest unacknowledged event (0 when the outbox is empty).");
    const int64_t age_ms = f.outbox.oldest_created_ms ? f.now_ms - *f.outbox.oldest_created_ms : 0;
    sample(out, "campusgw_outbox_oldest_age_seconds", static_cast<double>(age_ms) / 1000.0);
    family(out, "campusgw_outbox_dropped_total", "counter",
           "Events dropped because the outbox was full ([outbox] max_events).");
    sample(out, "campusgw_outbox_dropped_total", f.outbox.dropped);
    family(out, "campusgw_outbox_in_memory", "gauge",
           "Events held only in memory because the state directory cannot be written.");
    sample(out, "campusgw_outbox_in_memory", f.outbox.in_memory);
    family(out, "campusgw_store_writable", "gauge",
           "1 while commits to the state directory succeed; 0 = alarm (disk full, read-only).");
    sample(out, "campusgw_store_writable", uint64_t{f.outbox.store_error.empty() ? 1u : 0u});
}

void render_state(std::string& out, const MetricsFacts& f) {
    family(out, "campusgw_mqtt_connected", "gauge", "1 while the broker connection is up.");
    sample(out, "campusgw_mqtt_connected", uint64_t{f.mqtt_connected ? 1u : 0u});
    family(out, "campusgw_device_state", "gauge", "1 for each device's current availability.");
    for (const auto& [id, a] : f.devices)
        for (auto s : {core::Availability::Online, core::Availability::Offline,
                       core::Availability::Unknown})
            sample(out, "campusgw_device_state{device=\"" + label(id) + "\",state=\"" +
                            std::string(core::to_string(s)) + "\"}",
                   uint64_t{a == s ? 1u : 0u});
    family(out, "campusgw_roster_age_seconds", "gauge",
           "Time since the roster was last brought up to date (absent: never).");
    if (f.roster_age_s)
        sample(out, "campusgw_roster_age_seconds", static_cast<double>(*f.roster_age_s));
}

void render_requests(std::string& out, const MetricsFacts& f) {
    family(out, "campusgw_requests_total", "counter", "MQTT requests answered, by status.");
    sample(out, "campusgw_requests_total{status=\"ok\"}", f.requests_ok);
    sample(out, "campusgw_requests_total{status=\"error\"}", f.requests_error);
}

}  // namespace

void Metrics::record_decision(const std::string& point, bool allowed, core::Reason reason,
                              int64_t latency_us) {
    ++decisions_[{point, allowed, reason}];
    size_t i = 0;
    while (i < kLatencyBucketsUs.size() && latency_us > kLatencyBucketsUs[i]) ++i;
    if (i < kLatencyBucketsUs.size()) ++latency_buckets_[i];
    ++latency_count_;
    latency_sum_s_ += static_cast<double>(latency_us) / 1e6;
}

void Metrics::render_decisions(std::string& out) const {
    family(out, "campusgw_decisions_total", "counter", "Decisions made, by point, decision and reason.");
    for (const auto& [key, n] : decisions_) {
        const auto& [point, allowed, reason] = key;
        sample(out, "campusgw_decisions_total{point=\"" + label(point) + "\",decision=\"" +
                        (allowed ? "allow" : "deny") + "\",reason=\"" +
                        std::string(core::to_string(reason)) + "\"}",
               n);
    }
}

void Metrics::render_latency(std::string& out) const {
    family(out, "campusgw_decision_latency_seconds", "histogram",
           "Presentation reached the gateway -> decision made.");
    uint64_t cumulative = 0;
    for (size_t i = 0; i < kLatencyBucketsUs.size(); ++i) {
        cumulative += latency_buckets_[i];
        char le[32];
        std::snprintf(le, sizeof le, "%g", static_cast<double>(kLatencyBucketsUs[i]) / 1e6);
        sample(out, std::string("campusgw_decision_latency_seconds_bucket{le=\"") + le + "\"}",
               cumulative);
    }
    sample(out, "campusgw_decision_latency_seconds_bucket{le=\"+Inf\"}", latency_count_);
    sample(out, "campusgw_decision_latency_seconds_sum", latency_sum_s_);
    sample(out, "campusgw_decision_latency_seconds_count", latency_count_);
}

namespace {

void render_device_counters(std::string& out, const MetricsFacts& f) {
    family(out, "campusgw_device_refused_total", "counter",
           "Input a device refused, by device and reason (face terminals: push_unauthorized, "
           "push_forbidden, push_too_large, push_unknown_path, push_malformed, face_score_low, "
           "unknown_person).");
    for (const auto& [id, counters] : f.device_counters)
        for (const auto& c : counters)
            sample(out, "campusgw_device_refused_total{device=\"" + label(id) + "\",reason=\"" +
                            label(c.name) + "\"}",
                   c.value);
}

}  // namespace

std::string Metrics::render(const MetricsFacts& f) const {
    std::string out;
    family(out, "campusgw_build_info", "gauge", "Always 1; the version is a label.");
    sample(out, std::string("campusgw_build_info{version=\"") + label(kVersion) + "\"}", uint64_t{1});
    render_decisions(out);
    render_latency(out);
    family(out, "campusgw_malformed_total", "counter", "Input rejected as malformed, by source.");
    sample(out, "campusgw_malformed_total{source=\"device\"}", malformed_presentations_);
    sample(out, "campusgw_malformed_total{source=\"request\"}", f.requests_malformed);
    render_outbox(out, f);
    render_state(out, f);
    render_requests(out, f);
    render_device_counters(out, f);
    return out;
}

}  // namespace gw::app
