#include "retry_backoff.hpp"

#include <algorithm>

namespace gw::adp::eid {

RetryBackoff::RetryBackoff(Ms min, Ms max, uint64_t seed)
    : min_(std::max(min, Ms(1))), max_(std::max(max, min_)), rng_(seed) {}

RetryBackoff::Ms RetryBackoff::next() {
    const unsigned shift = std::min(attempt_, 30u);
    const int64_t cap = max_.count();
    const int64_t d = min_.count() > (cap >> shift) ? cap : std::min(cap, min_.count() << shift);
    if (attempt_ < 64) ++attempt_;
    std::uniform_int_distribution<int64_t> pick(d / 2, d);
    return Ms(std::max(pick(rng_), min_.count()));
}

}  // namespace gw::adp::eid
