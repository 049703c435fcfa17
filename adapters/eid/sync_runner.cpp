#include "sync_runner.hpp"

#include <random>

#include "eid_error.hpp"
#include "gateway/core/log.hpp"
#include "revocations_parser.hpp"

namespace gw::adp::eid {
namespace {

const char* kChan = "adp.eid";

long long ms(std::chrono::milliseconds d) { return static_cast<long long>(d.count()); }

}  // namespace

SyncRunner::SyncRunner(EidSync& sync, HttpFetcher& http, const core::Clock& clock,
                       std::string roster_cursor, SyncRunnerOptions options)
    : sync_(sync), http_(http), clock_(clock), o_(options),
      backoff_(options.backoff_min, options.backoff_max, std::random_device{}()),
      roster_cursor_(std::move(roster_cursor)) {
    status_.enabled = true;
}

SyncRunner::~SyncRunner() { stop(); }

void SyncRunner::start() {
    sync_.load_stored_trust_list();
    {
        std::lock_guard lock(mutex_);
        status_.trust_list_version = sync_.trust_list_version();
        next_poll_ = Steady::now();  // the first sync runs at once
    }
    thread_ = std::thread([this] { run(); });
}

void SyncRunner::stop() {
    bool first = false;
    {
        std::lock_guard lock(mutex_);
        first = !stop_;
        stop_ = true;
    }
    cv_.notify_all();
    if (first) http_.abort();  // a request in flight fails now rather than at its timeout
    if (thread_.joinable()) thread_.join();
}

void SyncRunner::notify(const std::string& payload) {
    auto n = parse_notification(payload);
    if (!n) return;
    {
        std::lock_guard lock(mutex_);
        if (n->roster_cursor && *n->roster_cursor != roster_cursor_) {
            pending_ |= kRoster;
            noticed_roster_ = *n->roster_cursor;
        }
        if (o_.revocations && n->revocations_cursor &&
            *n->revocations_cursor != revocations_cursor_)
            pending_ |= kRevocations;
        if (!pending_) return;
        not_before_ = {};  // the e-ID system speaks again: no need to sit out the backoff
    }
    cv_.notify_all();
}

void SyncRunner::request_now() {
    {
        std::lock_guard lock(mutex_);
        pending_ |= kRoster | kTimetable | kTrust | (o_.revocations ? kRevocations : 0u);
        not_before_ = {};  // an admin asked: retry now even after failures
    }
    cv_.notify_all();
}

core::SyncStatus SyncRunner::status() const {
    std::lock_guard lock(mutex_);
    return status_;
}

/// Blocks until there is something to do; returns the parts to run (0: stop).
unsigned SyncRunner::wait_for_work(std::unique_lock<std::mutex>& lock) {
    for (;;) {
        if (stop_) return 0;
        const auto now = Steady::now();
        const bool allowed = now >= not_before_;
        if (allowed && now >= next_poll_) {
            pending_ = 0;
            const bool tt_due = !timetable_ok_ || now - last_timetable_ >= o_.timetable_every;
            return kRoster | kTrust | (tt_due ? kTimetable : 0u) |
                   (o_.revocations ? kRevocations : 0u);
        }
        if (allowed && pending_) {
            // Let a burst of notifications arrive, then serve them with one sync.
            cv_.wait_for(lock, o_.coalesce, [this] { return stop_; });
            if (stop_) return 0;
            const unsigned parts = pending_;
            pending_ = 0;
            return parts;
        }
        const auto until = allowed ? next_poll_ : not_before_;
        // A notification or request clears not_before_: it ends a backoff wait too.
        cv_.wait_until(lock, until, [this] {
            return stop_ || (pending_ && Steady::now() >= not_before_);
        });
    }
}

void SyncRunner::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        const unsigned parts = wait_for_work(lock);
        if (!parts) return;
        lock.unlock();
        cycle(parts);
        lock.lock();
    }
}

core::Status SyncRunner::run_parts(unsigned parts) {
    // Every part is tried even if an earlier one failed: a broken timetable endpoint must
    // not hold back the roster (roster first: it matters most).
    core::Status first = core::Ok{};
    auto attempt = [&first](core::Status st) {
        if (!st && first) first = std::move(st);
    };
    if (parts & kRoster) attempt(sync_.roster());
    if (parts & kTimetable) {
        auto st = sync_.timetable();
        if (st) {
            std::lock_guard lock(mutex_);
            timetable_ok_ = true;
            last_timetable_ = Steady::now();
        }
        attempt(std::move(st));
    }
    if (parts & kTrust) attempt(sync_.trust_list());
    if (parts & kRevocations) attempt(sync_.revocations());
    http_.disconnect();  // no idle connection kept between syncs
    return first;
}

void SyncRunner::cycle(unsigned parts) {
    const auto st = run_parts(parts);
    std::string roster = sync_.roster_cursor();
    std::string revocations = o_.revocations ? sync_.revocations_cursor() : std::string();
    const std::optional<uint64_t> revoked =
        o_.revocations ? std::optional<uint64_t>(sync_.revoked_count()) : std::nullopt;
    {
        std::lock_guard lock(mutex_);
        roster_cursor_ = std::move(roster);
        revocations_cursor_ = std::move(revocations);
        status_.revocations_cursor = revocations_cursor_;
        status_.revoked = revoked;
        // A notice that arrived during the sync and names what we now hold needs no sync.
        if ((pending_ & kRoster) && noticed_roster_ == roster_cursor_) pending_ &= ~kRoster;
    }
    record(st, parts);
}

void SyncRunner::record(const core::Status& st, unsigned parts) {
    std::lock_guard lock(mutex_);
    if (stop_) return;  // a request cut short by stop() is no failure worth reporting
    const auto now = clock_.now();
    status_.last_attempt = now;
    status_.rejected_records = sync_.rejected();
    status_.trust_list_version = sync_.trust_list_version();
    const bool full = (parts & (kRoster | kTrust)) == (kRoster | kTrust);
    if (st) {
        if (status_.failures > 0)
            GW_LOG(Notice, kChan, core::LogLine("e-ID sync recovered")
                                      .kv("failures", static_cast<long long>(status_.failures)));
        status_.failures = 0;
        status_.last_error.clear();
        status_.last_success = now;
        ++status_.syncs;
        backoff_.reset();
        not_before_ = {};
        if (full) next_poll_ = Steady::now() + o_.poll_interval;
        return;
    }
    const auto wait = backoff_.next();
    not_before_ = Steady::now() + wait;
    next_poll_ = not_before_;  // the retry is a full sync
    status_.last_error = st.error().message();
    if (status_.failures++ == 0 || st.error().code == EidErrc::Unauthorized) {
        const bool config = st.error().code == EidErrc::Unauthorized;
        const auto level = config ? core::LogLevel::Err : core::LogLevel::Warning;
        const auto line = core::LogLine(config ? "e-ID sync refused: a configuration problem"
                                               : "e-ID sync failed; keeping the stored data")
                              .kv("err", status_.last_error).kv("retry_in_ms", ms(wait));
        if (core::Log::enabled(level)) core::Log::write(level, kChan, line.str());
    } else {
        GW_LOG(Debug, kChan, core::LogLine("e-ID sync failed again")
                                 .kv("failures", static_cast<long long>(status_.failures))
                                 .kv("err", status_.last_error).kv("retry_in_ms", ms(wait)));
    }
}

}  // namespace gw::adp::eid
