#include "latency_stats.hpp"

#include <algorithm>
#include <cmath>

namespace gw::bench {

int64_t LatencyStats::percentile(double p) const {
    if (samples_.empty()) return -1;
    std::sort(samples_.begin(), samples_.end());
    const double rank = std::ceil(p / 100.0 * static_cast<double>(samples_.size()));
    const auto idx = static_cast<size_t>(std::max(1.0, rank)) - 1;
    return samples_[std::min(idx, samples_.size() - 1)];
}

}  // namespace gw::bench
