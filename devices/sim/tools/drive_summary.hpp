#pragma once
// Counts a drive's outcome per zone kind (allows, denies, deny reasons) and prints it as a
// table, plus the taps that got no event or an unexpected one.
#include <cstdint>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "access_event_view.hpp"

namespace gw::dev::sim::tools {

class DriveSummary {
public:
    void add(const AccessEventView& ev);
    void add_missing(const std::string& label) { missing_.push_back(label); }
    void add_mismatch(const std::string& label) { mismatched_.push_back(label); }

    uint64_t events() const { return events_; }
    bool clean() const { return missing_.empty() && mismatched_.empty(); }
    void print(std::ostream& out, uint64_t taps) const;

private:
    struct KindCounts {
        uint64_t allow = 0;
        uint64_t deny = 0;
        std::map<std::string, uint64_t> reasons;
    };

    std::map<std::string, KindCounts> kinds_;
    std::vector<std::string> missing_;
    std::vector<std::string> mismatched_;
    uint64_t events_ = 0;
};

}  // namespace gw::dev::sim::tools
