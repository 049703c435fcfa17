#pragma once
// What the e-ID sync reports about itself (info, health, logs). A plain value: the sync
// thread publishes copies; readers never share its state.
#include <cstdint>
#include <optional>
#include <string>

#include "clock.hpp"

namespace gw::core {

struct SyncStatus {
    bool enabled = false;
    std::optional<SysTime> last_success;  // last time every part of a sync succeeded
    std::optional<SysTime> last_attempt;
    std::string last_error;               // "" after a success; short, no secrets
    uint64_t failures = 0;                // consecutive failed syncs
    uint64_t syncs = 0;                   // successful syncs since start
    uint64_t rejected_records = 0;        // malformed records skipped since start
    std::optional<int64_t> trust_list_version;
    std::string revocations_cursor;
    std::optional<uint64_t> revoked;      // cids revoked now; nullopt: revocations not followed
};

}  // namespace gw::core
