#include "tap_driver.hpp"

#include <unistd.h>

#include <algorithm>
#include <ostream>
#include <thread>

namespace gw::dev::sim::tools {

namespace {

bool is_status_online(const MqttLink::Message& m, const std::string& status_topic) {
    return m.topic == status_topic && m.payload.find("\"online\"") != std::string::npos;
}

}  // namespace

TapDriver::TapDriver(DriveOptions opts, std::ostream& out)
    : opts_(std::move(opts)),
      out_(out),
      link_("campusgw-sim-" + std::to_string(::getpid())),
      printer_(out) {}

std::chrono::milliseconds TapDriver::left(Clock::time_point until) const {
    const auto d = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
    return std::max(d, std::chrono::milliseconds(0));
}

int TapDriver::run() {
    deadline_ = Clock::now() + opts_.timeout;
    link_.connect(opts_.broker, left(deadline_));
    link_.subscribe(opts_.base + "/status", 1);
    link_.subscribe(opts_.base + "/access/#", 1);
    link_.subscribe(opts_.base + "/eid/shown", 1);
    if (!open_ports()) return 1;
    if (!wait_online()) {
        out_ << "gateway did not report online on " << opts_.base << "/status within "
             << opts_.timeout.count() / 1000 << " s\n";
        return 1;
    }
    out_ << "gateway online; " << opts_.taps.size() << " taps\n\n";
    printer_.header();
    for (const auto& tap : opts_.taps) {
        drive(tap);
        std::this_thread::sleep_for(std::min(opts_.gap, left(deadline_)));
    }
    while (auto m = link_.next(std::min(std::chrono::milliseconds(500), left(deadline_))))
        if (m->topic == opts_.base + "/eid/shown") print_shown(*m);  // the last tap's record
    summary_.print(out_, opts_.taps.size());
    return summary_.clean() && summary_.events() == opts_.taps.size() ? 0 : 1;
}

// Taps on "pty:PATH" go to a simulated serial scanner at PATH; the gateway must have it
// open before the first code is sent (its driver retries opening with a backoff).
bool TapDriver::open_ports() {
    for (const auto& tap : opts_.taps) {
        if (tap.topic.rfind("pty:", 0) != 0 || ports_.count(tap.topic)) continue;
        ports_[tap.topic] = std::make_unique<PtyPort>(tap.topic.substr(4));
    }
    for (const auto& [name, port] : ports_) {
        if (port->wait_opened(std::min(left(deadline_), std::chrono::milliseconds(15'000))))
            continue;
        out_ << "the gateway did not open the scanner " << port->link() << "\n";
        return false;
    }
    // The driver discards what arrived before it set the line up: let it finish opening.
    if (!ports_.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(300));
    return true;
}

void TapDriver::present(const Tap& tap) {
    auto it = ports_.find(tap.topic);
    if (it != ports_.end()) it->second->write_line(tap.uid);
    else link_.publish(tap.topic, tap.uid, 1);
}

// A 亮证记录 (mqtt-v1 §3) follows its access event: one indented line.
void TapDriver::print_shown(const MqttLink::Message& m) {
    auto field = [&](const std::string& key) {
        const std::string k = "\"" + key + "\":\"";
        const auto at = m.payload.find(k);
        if (at == std::string::npos) return std::string();
        const auto end = m.payload.find('"', at + k.size());
        return m.payload.substr(at + k.size(), end - at - k.size());
    };
    out_ << "      亮证记录: " << field("credential_name") << " | " << field("service") << " @ "
         << field("name") << " " << field("venue_code") << " | " << field("decision") << " "
         << field("reason") << "\n";
}

bool TapDriver::wait_online() {
    const std::string status = opts_.base + "/status";
    while (auto m = link_.next(left(deadline_)))
        if (is_status_online(*m, status)) return true;
    return false;
}

std::optional<AccessEventView> TapDriver::next_event(Clock::time_point until) {
    const std::string prefix = opts_.base + "/access/";
    while (auto m = link_.next(left(until))) {
        if (m->topic == opts_.base + "/eid/shown") print_shown(*m);
        if (m->topic.rfind(prefix, 0) != 0) continue;  // status changes etc.
        if (auto ev = AccessEventView::parse(m->payload)) return ev;
        out_ << "  (unreadable event on " << m->topic << ")\n";
    }
    return std::nullopt;
}

void TapDriver::drive(const Tap& tap) {
    present(tap);
    const auto until = std::min(deadline_, Clock::now() + opts_.per_tap);
    auto ev = next_event(until);
    if (!ev) {
        out_ << "  (no event within " << opts_.per_tap.count() << " ms)  | " << tap.label << "\n";
        summary_.add_missing(tap.label);
        return;
    }
    const std::string mismatch = tap.expect.mismatch(*ev);
    printer_.print(*ev, tap.label, mismatch);
    summary_.add(*ev);
    if (!mismatch.empty()) summary_.add_mismatch(tap.label + " (" + mismatch + ")");
}

}  // namespace gw::dev::sim::tools
