#pragma once
// Backoff: capped exponential reconnect delays with jitter, so that a campus full of
// gateways does not reconnect in lock-step after a broker restart.
// Attempt n (0-based) waits a uniformly random time in [d/2, d] where
// d = min(max, min * 2^n), never less than `min`. reset() after a successful connect.
// Pure computation; not thread-safe (owned by the network thread).
#include <chrono>
#include <cstdint>
#include <random>

namespace gw::adp::mqtt {

class Backoff {
public:
    using Ms = std::chrono::milliseconds;
    Backoff(Ms min, Ms max, uint64_t seed);

    /// The delay before the next attempt; grows the exponent.
    Ms next();
    void reset() { attempt_ = 0; }
    unsigned attempt() const { return attempt_; }

private:
    Ms min_;
    Ms max_;
    unsigned attempt_ = 0;
    std::mt19937_64 rng_;
};

}  // namespace gw::adp::mqtt
