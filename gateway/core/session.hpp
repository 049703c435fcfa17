#pragma once
// A timetable session (eid-sync-v1 §3).
#include <chrono>
#include <string>
#include <vector>

#include "clock.hpp"

namespace gw::core {

struct Session {
    std::string id;
    std::string title;
    std::string group;                 // e.g. "class:2024-cs-1"
    std::vector<std::string> points;   // access point ids where check-in is taken
    SysTime start;
    SysTime end;
};

}  // namespace gw::core
