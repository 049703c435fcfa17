#pragma once
// Site calendar: days on which hours-based zones stay closed (config-v1 [calendar]).
#include <algorithm>
#include <cstdint>
#include <vector>

namespace gw::core {

struct Calendar {
    std::vector<int32_t> closed_days;  // days since epoch, sorted

    bool closed(int32_t day) const {
        return std::binary_search(closed_days.begin(), closed_days.end(), day);
    }
};

}  // namespace gw::core
