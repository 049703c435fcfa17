#pragma once
// SyncRunner: the e-ID sync thread. It runs EidSync's parts:
// - at start, then every `poll_interval` (roster, trust list, revocations; the timetable
//   when `timetable_every` has passed since it was last fetched);
// - at once on a change notification (eid-sync-v1 §6) whose cursor differs from the one
//   held: the roster for the site topic, revocations for the global one. Notifications
//   arriving within `coalesce` of each other, or while a sync runs, share one sync;
// - after a failure, again after a capped exponential backoff with jitter (1 s doubling to
//   5 min by default); a notification does not bypass the backoff's minimum gap.
// State changes are logged (first failure, recovery); repeats only counted.
//
// Thread-safety: notify_*(), request_now() and status() may be called from any thread
// (the MQTT network thread, the core loop); they never block on network I/O.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "eid_sync.hpp"
#include "gateway/core/sync_status.hpp"
#include "gateway/core/backoff.hpp"

namespace gw::adp::eid {

struct SyncRunnerOptions {
    std::chrono::milliseconds poll_interval{std::chrono::minutes(5)};
    std::chrono::milliseconds timetable_every{std::chrono::hours(24)};
    std::chrono::milliseconds backoff_min{1000};
    std::chrono::milliseconds backoff_max{std::chrono::minutes(5)};
    std::chrono::milliseconds coalesce{20};
    bool revocations = false;  // venue gateways: also sync §5
};

class SyncRunner {
public:
    SyncRunner(EidSync& sync, HttpFetcher& http, const core::Clock& clock,
               std::string roster_cursor, SyncRunnerOptions options);
    ~SyncRunner();  // stops the thread
    SyncRunner(const SyncRunner&) = delete;
    SyncRunner& operator=(const SyncRunner&) = delete;

    void start();
    /// Stops the thread; waits for a sync in progress (bounded by the HTTP timeout).
    void stop();

    /// A payload received on campus/v1/{site}/eid/notify or campus/v1/eid/notify. One that
    /// names new data ends a failure backoff: the e-ID system is evidently back (§6: "syncs
    /// at once"); if that sync fails too, the backoff goes on growing.
    void notify(const std::string& payload);
    /// A full sync now, even while failures are backing off (the `sync` request).
    void request_now();
    core::SyncStatus status() const;

private:
    enum Part : unsigned { kRoster = 1, kTimetable = 2, kTrust = 4, kRevocations = 8 };
    using Steady = std::chrono::steady_clock;

    void run();
    unsigned wait_for_work(std::unique_lock<std::mutex>& lock);
    void cycle(unsigned parts);
    core::Status run_parts(unsigned parts);
    void record(const core::Status& st, unsigned parts);

    EidSync& sync_;
    HttpFetcher& http_;
    const core::Clock& clock_;
    SyncRunnerOptions o_;
    core::Backoff backoff_;

    mutable std::mutex mutex_;
    std::condition_variable cv_;
    bool stop_ = false;
    unsigned pending_ = 0;           // parts asked for by notifications / requests
    std::string roster_cursor_;      // the cursor held (to ignore stale notifications)
    std::string revocations_cursor_;
    std::string noticed_roster_;     // the cursor of the last roster notification
    Steady::time_point next_poll_{};
    Steady::time_point not_before_{};  // the backoff's earliest next attempt
    Steady::time_point last_timetable_{};
    bool timetable_ok_ = false;
    core::SyncStatus status_;
    std::thread thread_;
};

}  // namespace gw::adp::eid
