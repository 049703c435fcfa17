// SqliteStore: per-person counters (core::CounterStore) and the timetable
// (core::TimetableView, eid-sync-v1 §3).
#include <array>
#include <string>

#include "database.hpp"
#include "queries.hpp"
#include "sqlite_store.hpp"
#include "store_error.hpp"
#include "text_list.hpp"

namespace gw::adp::store {
namespace {

// Stored as integers; the table is the one place that fixes the numbers on disk.
constexpr std::array<std::pair<core::Direction, int64_t>, 3> kDirections{
    {{core::Direction::In, 0}, {core::Direction::Out, 1}, {core::Direction::Both, 2}}};

int64_t direction_code(core::Direction d) {
    for (const auto& [dir, code] : kDirections)
        if (dir == d) return code;
    return 0;
}

core::Direction direction_of(int64_t code) {
    for (const auto& [dir, c] : kDirections)
        if (c == code) return dir;
    return core::Direction::In;
}

int64_t to_ms(core::SysTime t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

core::SysTime from_ms(int64_t ms) {
    return core::SysTime(
        std::chrono::duration_cast<core::SysTime::duration>(std::chrono::milliseconds(ms)));
}

}  // namespace

// ---- counters -----------------------------------------------------------------------

int SqliteStore::meal_count(std::string_view person, std::string_view zone,
                            std::string_view window, int32_t day) {
    if (!batch_usable()) return 0;
    StatementScope s(db_->stmt(Q::MealGet));
    s->bind(1, person).bind(2, zone).bind(3, window).bind(4, int64_t{day});
    auto row = s->step();
    if (!row) {
        note_error(row.error());
        return 0;
    }
    return row.value() ? static_cast<int>(s->column_int64(0)) : 0;
}

void SqliteStore::add_meal(std::string_view person, std::string_view zone,
                           std::string_view window, int32_t day) {
    if (!batch_usable()) return;
    if (day > meals_pruned_for_day_) {
        // Quotas are per day; older rows are history nobody reads. Prune once per new day
        // so the table stays about kMealRetentionDays deep.
        StatementScope prune(db_->stmt(Q::MealPrune));
        prune->bind(1, int64_t{day} - kMealRetentionDays);
        if (auto st = prune->run(); !st) {
            note_error(st.error());
            return;
        }
        meals_pruned_for_day_ = day;
    }
    StatementScope s(db_->stmt(Q::MealAdd));
    s->bind(1, person).bind(2, zone).bind(3, window).bind(4, int64_t{day});
    if (auto st = s->run(); !st) note_error(st.error());
}

std::optional<core::PassbackState> SqliteStore::last_pass(std::string_view person,
                                                          std::string_view zone) {
    if (!batch_usable()) return std::nullopt;
    StatementScope s(db_->stmt(Q::PassGet));
    s->bind(1, person).bind(2, zone);
    auto row = s->step();
    if (!row) {
        note_error(row.error());
        return std::nullopt;
    }
    if (!row.value()) return std::nullopt;
    return core::PassbackState{direction_of(s->column_int64(0)),
                               static_cast<int32_t>(s->column_int64(1))};
}

void SqliteStore::record_pass(std::string_view person, std::string_view zone,
                              const core::PassbackState& state) {
    if (!batch_usable()) return;
    StatementScope s(db_->stmt(Q::PassPut));
    s->bind(1, person).bind(2, zone).bind(3, direction_code(state.last));
    s->bind(4, int64_t{state.day});
    if (auto st = s->run(); !st) note_error(st.error());
}

// ---- timetable ----------------------------------------------------------------------

std::vector<core::Session> SqliteStore::sessions_at(std::string_view point, core::SysTime t,
                                                    std::chrono::minutes open_before) {
    std::vector<core::Session> out;
    if (!batch_usable()) return out;
    StatementScope s(db_->stmt(Q::SessionsAt));
    s->bind(1, point).bind(2, to_ms(t));
    s->bind(3, static_cast<int64_t>(
                   std::chrono::duration_cast<std::chrono::milliseconds>(open_before).count()));
    for (;;) {
        auto row = s->step();
        if (!row) {
            note_error(row.error());
            break;
        }
        if (!row.value()) break;
        out.push_back(core::Session{s->column_text(0), s->column_text(1), s->column_text(2),
                                    split_list(s->column_text(5)), from_ms(s->column_int64(3)),
                                    from_ms(s->column_int64(4))});
    }
    return out;
}

core::Status SqliteStore::replace_timetable(const std::vector<core::Session>& sessions) {
    if (batch_open_) return store_error(StoreErrc::BatchOpen, "replace timetable");
    WriteTransaction tx(*db_);
    core::Status st = tx.begin();
    if (st) st = db_->exec(script::kClearTimetable, "clear timetable");
    for (const auto& session : sessions) {
        if (!st) break;
        StatementScope put(db_->stmt(Q::SessionPut));
        put->bind(1, session.id).bind(2, session.title).bind(3, session.group);
        put->bind(4, to_ms(session.start)).bind(5, to_ms(session.end));
        st = put->run();
        // A repeated id replaces the earlier session, points included.
        StatementScope del(db_->stmt(Q::SessionPointsDelete));
        if (st) st = del->bind(1, session.id).run();
        for (const auto& point : session.points) {
            if (!st) break;
            StatementScope pp(db_->stmt(Q::SessionPointPut));
            st = pp->bind(1, point).bind(2, session.id).run();
        }
    }
    if (st) st = tx.commit();
    if (!st) note_error(st.error());
    return st;
}

}  // namespace gw::adp::store
