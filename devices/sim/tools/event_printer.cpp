#include "event_printer.hpp"

#include <algorithm>
#include <cctype>
#include <iomanip>
#include <ostream>

namespace gw::dev::sim::tools {

namespace {

std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
}

void add(std::string& out, const std::string& part) {
    if (part.empty()) return;
    if (!out.empty()) out += "  ";
    out += part;
}

}  // namespace

std::string EventPrinter::clock_part(const std::string& time) {
    const auto t = time.find('T');
    if (t == std::string::npos) return time;
    return time.substr(t + 1, std::min<size_t>(12, time.size() - t - 1));
}

std::string EventPrinter::details(const AccessEventView& ev) {
    std::string out;
    std::string flags;
    for (const auto& f : ev.flags) flags += (flags.empty() ? "" : ",") + f;
    add(out, flags.empty() ? "" : "flags=" + flags);
    add(out, ev.meal.empty() ? "" : "meal=" + ev.meal);
    add(out, ev.attendance.empty() ? "" : "attendance=" + ev.attendance);
    add(out, ev.venue.empty() ? "" : "venue=" + ev.venue);
    add(out, ev.latency_us < 0 ? "" : std::to_string(ev.latency_us) + "us");
    return out;
}

void EventPrinter::header() const {
    out_ << std::left << std::setw(14) << "time" << std::setw(18) << "point" << std::setw(12)
         << "zone_kind" << std::setw(12) << "person" << std::setw(7) << "result" << std::setw(20)
         << "reason"
         << "details  | tap\n";
}

void EventPrinter::print(const AccessEventView& ev, const std::string& label,
                         const std::string& note) const {
    out_ << std::left << std::setw(14) << clock_part(ev.time) << std::setw(18) << ev.point
         << std::setw(12) << ev.zone_kind << std::setw(12) << (ev.person.empty() ? "-" : ev.person)
         << std::setw(7) << upper(ev.decision) << std::setw(20) << ev.reason << details(ev)
         << "  | " << label;
    if (!note.empty()) out_ << "   <-- " << note;
    out_ << std::endl;
}

}  // namespace gw::dev::sim::tools
