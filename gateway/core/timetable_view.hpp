#pragma once
// Port: the stored timetable (eid-sync-v1 §3). Used only from the core loop thread.
#include <chrono>
#include <string_view>
#include <vector>

#include "session.hpp"

namespace gw::core {

class TimetableView {
public:
    virtual ~TimetableView() = default;
    /// Sessions at `point` with start - open_before <= t < end, ordered by start.
    virtual std::vector<Session> sessions_at(std::string_view point, SysTime t,
                                             std::chrono::minutes open_before) = 0;
};

}  // namespace gw::core
