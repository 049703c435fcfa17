#pragma once
// UUIDv7 (RFC 9562): 48-bit Unix ms timestamp, then random bits. Monotonic within a
// generator: ids made in the same millisecond still sort in creation order.
#include <cstdint>
#include <random>
#include <string>

#include "clock.hpp"

namespace gw::core {

class Uuid7Generator {
public:
    Uuid7Generator();
    /// Not thread-safe: one generator per thread (the core loop owns one).
    std::string next(SysTime now);

private:
    std::mt19937_64 rng_;
    int64_t last_ms_ = 0;
    uint16_t counter_ = 0;  // rand_a, incremented within one millisecond
};

}  // namespace gw::core
