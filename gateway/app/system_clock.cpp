#include "system_clock.hpp"

#include <sys/timex.h>

namespace gw::app {

namespace {
constexpr int64_t kEarliestPlausible = 1'735'689'600;  // 2025-01-01T00:00:00Z
}

bool SystemClock::synced() const {
    const int64_t s = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch()).count();
    if (s < kEarliestPlausible) return false;
    if (trusted_.load(std::memory_order_relaxed)) return true;
    if (s - checked_at_s_.load(std::memory_order_relaxed) >= 10) {
        struct timex tx {};
        const int state = adjtimex(&tx);
        synced_ = state != TIME_ERROR && !(tx.status & STA_UNSYNC);
        checked_at_s_ = s;
    }
    return synced_;
}

}  // namespace gw::app
