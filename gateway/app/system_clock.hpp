#pragma once
// The real wall clock. synced() asks the kernel (adjtimex: STA_UNSYNC cleared by NTP,
// chrony or systemd-timesyncd) at most every 10 s; a clock before 2025 is never synced
// (a Pi without RTC boots in the past).
#include <atomic>

#include "gateway/core/clock.hpp"

namespace gw::app {

class SystemClock final : public core::Clock {
public:
    /// `trusted`: [gateway] clock_trusted — synced() is true from 2025 on, whatever the
    /// kernel says.
    explicit SystemClock(bool trusted = false) : trusted_(trusted) {}
    core::SysTime now() const override { return std::chrono::system_clock::now(); }
    bool synced() const override;
    void set_trusted(bool trusted) { trusted_ = trusted; }

private:
    std::atomic<bool> trusted_;
    mutable std::atomic<int64_t> checked_at_s_{0};
    mutable std::atomic<bool> synced_{false};
};

}  // namespace gw::app
