#include "recent_outbox.hpp"

namespace gw::adp::store {

void RecentOutbox::commit() {
    if (staged_.empty()) return;
    if (!recent_.empty() && recent_.back().seq + 1 != staged_.front().seq) recent_.clear();
    for (auto& e : staged_) recent_.push_back(std::move(e));
    staged_.clear();
    while (recent_.size() > capacity_) recent_.pop_front();
}

void RecentOutbox::forget_through(uint64_t seq) {
    while (!recent_.empty() && recent_.front().seq <= seq) recent_.pop_front();
}

void RecentOutbox::clear() {
    recent_.clear();
    staged_.clear();
}

bool RecentOutbox::serve(uint64_t after, size_t limit,
                         std::vector<core::OutboxEntry>& out) const {
    if (recent_.empty() || after + 1 < recent_.front().seq) return false;
    if (after >= recent_.back().seq) return true;  // nothing newer was committed
    const auto first = static_cast<size_t>(after + 1 - recent_.front().seq);
    for (size_t i = first; i < recent_.size() && out.size() < limit; ++i)
        out.push_back(recent_[i]);
    return true;
}

}  // namespace gw::adp::store
