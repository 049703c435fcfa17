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
    summary_.print(out_, opts_.taps.size());
    return summary_.clean() && summary_.events() == opts_.taps.size() ? 0 : 1;
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
        if (m->topic.rfind(prefix, 0) != 0) continue;  // status changes etc.
        if (auto ev = AccessEventView::parse(m->payload)) return ev;
        out_ << "  (unreadable event on " << m->topic << ")\n";
    }
    return std::nullopt;
}

void TapDriver::drive(const Tap& tap) {
    link_.publish(tap.topic, tap.uid, 1);
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
