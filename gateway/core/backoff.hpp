#pragma once
// Backoff: capped exponential retry delays with jitter, so that a campus full of gateways
// does not retry in lock-step after a broker or e-ID system restart (MQTT reconnects; the
// e-ID sync: 1 s doubling to 5 min, eid-sync-v1 §1).
// Attempt n (0-based) waits a uniformly random time in [d/2, d] where
// d = min(max, min * 2^n), never less than `min`. reset() after a successful connect.
// Pure computation; not thread-safe (owned by the thread that retries).
#include <chrono>
#include <cstdint>
#include <random>

namespace gw::core {

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

}  // namespace gw::core
