#include "drive_summary.hpp"

#include <iomanip>
#include <ostream>

namespace gw::dev::sim::tools {

void DriveSummary::add(const AccessEventView& ev) {
    auto& k = kinds_[ev.zone_kind.empty() ? "?" : ev.zone_kind];
    ++events_;
    if (ev.allowed()) {
        ++k.allow;
    } else {
        ++k.deny;
        ++k.reasons[ev.reason];
    }
}

void DriveSummary::print(std::ostream& out, uint64_t taps) const {
    out << "\n"
        << std::left << std::setw(12) << "zone_kind" << std::right << std::setw(7) << "allow"
        << std::setw(7) << "deny"
        << "   deny reasons\n";
    uint64_t allow = 0, deny = 0;
    for (const auto& [kind, c] : kinds_) {
        std::string reasons;
        for (const auto& [r, n] : c.reasons)
            reasons += (reasons.empty() ? "" : ", ") + r + " x" + std::to_string(n);
        out << std::left << std::setw(12) << kind << std::right << std::setw(7) << c.allow
            << std::setw(7) << c.deny << "   " << (reasons.empty() ? "-" : reasons) << "\n";
        allow += c.allow;
        deny += c.deny;
    }
    out << std::left << std::setw(12) << "total" << std::right << std::setw(7) << allow
        << std::setw(7) << deny << "\n\n";
    out << "taps " << taps << ", events " << events_ << ", without event " << missing_.size()
        << ", unexpected " << mismatched_.size() << "\n";
    for (const auto& l : missing_) out << "  no event:   " << l << "\n";
    for (const auto& l : mismatched_) out << "  unexpected: " << l << "\n";
}

}  // namespace gw::dev::sim::tools
