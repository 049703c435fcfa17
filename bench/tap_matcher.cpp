#include "tap_matcher.hpp"

namespace gw::bench {

void TapMatcher::start_phase() {
    std::lock_guard lock(mu_);
    ++phase_;
    now_ = Snapshot{};
}

void TapMatcher::sent(const std::string& key, Clock::time_point at) {
    std::lock_guard lock(mu_);
    if (now_.sent++ == 0) now_.first_sent = at;
    pending_[key].push_back({at, phase_});
}

void TapMatcher::on_event(const std::string& key, Clock::time_point at, int64_t decision_us) {
    std::lock_guard lock(mu_);
    auto& q = pending_[key];
    if (q.empty()) {
        ++now_.unmatched;
        return;
    }
    const Pending p = q.front();
    q.pop_front();
    if (p.phase != phase_) return;  // a straggler of an earlier phase
    ++now_.received;
    now_.last_received = at;
    now_.end_to_end_us.add(
        std::chrono::duration_cast<std::chrono::microseconds>(at - p.at).count());
    if (decision_us >= 0) now_.decision_us.add(decision_us);
    cv_.notify_all();
}

uint64_t TapMatcher::wait_for(uint64_t count, Clock::time_point until) {
    std::unique_lock lock(mu_);
    cv_.wait_until(lock, until, [&] { return now_.received >= count; });
    return now_.received;
}

TapMatcher::Snapshot TapMatcher::snapshot() const {
    std::lock_guard lock(mu_);
    return now_;
}

}  // namespace gw::bench
