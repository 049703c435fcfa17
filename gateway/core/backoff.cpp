#include "backoff.hpp"

#include <algorithm>

namespace gw::core {

Backoff::Backoff(Ms min, Ms max, uint64_t seed)
    : min_(std::max(min, Ms{1})), max_(std::max(max, std::max(min, Ms{1}))), rng_(seed) {}

Backoff::Ms Backoff::next() {
    // Doubling stops once the cap is reached, so the shift can never overflow.
    int64_t ceiling = min_.count();
    for (unsigned i = 0; i < attempt_ && ceiling < max_.count(); ++i) ceiling *= 2;
    ceiling = std::min(ceiling, static_cast<int64_t>(max_.count()));
    if (ceiling < max_.count()) ++attempt_;
    std::uniform_int_distribution<int64_t> pick(ceiling / 2, ceiling);
    return Ms{std::max(pick(rng_), static_cast<int64_t>(min_.count()))};
}

}  // namespace gw::core
