#pragma once
// A bag of latency samples (microseconds) with exact percentiles. Not thread-safe.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace gw::bench {

class LatencyStats {
public:
    void add(int64_t us) { samples_.push_back(us); }
    void clear() { samples_.clear(); }
    size_t size() const { return samples_.size(); }
    /// The p-th percentile (0 < p <= 100, nearest rank); -1 when empty.
    int64_t percentile(double p) const;
    int64_t max() const { return percentile(100); }

private:
    mutable std::vector<int64_t> samples_;
};

}  // namespace gw::bench
