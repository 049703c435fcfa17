#pragma once
// Writes an eid-sync-v1 §3 timetable with one session, for demos and tests:
//   {"sessions":[{"id","title","group","points":[point],"start","end"}]}
#include <chrono>
#include <iosfwd>
#include <string>

namespace gw::dev::sim::tools {

/// An instant plus the UTC offset it was written with, so output keeps the caller's offset.
struct ZonedTime {
    std::chrono::sys_seconds instant;
    std::chrono::minutes offset{0};
};

/// Parses "2026-11-23T10:00:00+08:00" (or "...Z"); "now" is the current time in the local
/// time zone. Throws std::invalid_argument.
ZonedTime parse_rfc3339(const std::string& text);
std::string format_rfc3339(const ZonedTime& t);

struct SessionSpec {
    std::string id;
    std::string title;
    std::string group;  // "class:2024-cs-1"; a bare class name gets the "class:" prefix
    std::string point;
    ZonedTime start;
    std::chrono::minutes length{45};
};

class TimetableWriter {
public:
    void write(std::ostream& out, const SessionSpec& s) const;
};

}  // namespace gw::dev::sim::tools
