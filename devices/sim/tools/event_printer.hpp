#pragma once
// Formats one access event as one readable line for a terminal:
//   08:41:05.212  dorm3-gate-a      dorm        p-0000123   ALLOW  ok               antipassback  |
//   resident dorm:3
// Shows point, zone kind, person id ("-" when unknown), decision, reason and the zone's
// extra facts (flags, meal, attendance, venue, decision latency). Never prints a UID: the
// tap is identified by its plan label.
#include <iosfwd>
#include <string>

#include "access_event_view.hpp"

namespace gw::dev::sim::tools {

class EventPrinter {
public:
    explicit EventPrinter(std::ostream& out) : out_(out) {}

    void header() const;
    /// `note` is appended (e.g. an expectation mismatch); empty for none.
    void print(const AccessEventView& ev, const std::string& label, const std::string& note) const;

    /// "07:41:05.212" from an RFC 3339 time; the whole text if it has no 'T'.
    static std::string clock_part(const std::string& time);
    static std::string details(const AccessEventView& ev);

private:
    std::ostream& out_;
};

}  // namespace gw::dev::sim::tools
