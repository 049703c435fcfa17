#pragma once
// RetryBackoff: the delay before retrying a failed sync (eid-sync-v1 §1: 1 s doubling to
// 5 min, with jitter). Attempt n waits a uniformly random time in [d/2, d] with
// d = min(max, min * 2^n), never below `min`. A twin of adp::mqtt::Backoff, which this
// adapter may not include (adapters do not include each other).
// Not thread-safe (owned by the sync thread).
#include <chrono>
#include <cstdint>
#include <random>

namespace gw::adp::eid {

class RetryBackoff {
public:
    using Ms = std::chrono::milliseconds;
    RetryBackoff(Ms min, Ms max, uint64_t seed);

    Ms next();
    void reset() { attempt_ = 0; }
    unsigned attempt() const { return attempt_; }

private:
    Ms min_;
    Ms max_;
    unsigned attempt_ = 0;
    std::mt19937_64 rng_;
};

}  // namespace gw::adp::eid
