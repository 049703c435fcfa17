#pragma once
// Port: per-person counters the rules keep (meal quotas, anti-passback state).
// Used only from the core loop thread, inside the current batch (see UnitOfWork).
#include <cstdint>
#include <optional>
#include <string_view>

#include "access_point.hpp"

namespace gw::core {

struct PassbackState {
    Direction last = Direction::In;
    int32_t day = 0;  // local day of the last pass (anti-passback resets daily)
};

class CounterStore {
public:
    virtual ~CounterStore() = default;
    virtual int meal_count(std::string_view person, std::string_view zone,
                           std::string_view window, int32_t day) = 0;
    virtual void add_meal(std::string_view person, std::string_view zone,
                          std::string_view window, int32_t day) = 0;
    virtual std::optional<PassbackState> last_pass(std::string_view person,
                                                   std::string_view zone) = 0;
    virtual void record_pass(std::string_view person, std::string_view zone,
                             const PassbackState& state) = 0;
};

}  // namespace gw::core
