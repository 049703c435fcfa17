#pragma once
// The policy engine: decides one presentation at one access point (mqtt-v1 §2 reasons).
// Pure logic over ports; used only from the core loop thread. Counter updates (meal
// counts, anti-passback) are written through CounterStore only for allowed passes, inside
// the caller's batch, so they commit together with the event.
#include <chrono>
#include <optional>

#include "access_point.hpp"
#include "calendar.hpp"
#include "clock.hpp"
#include "counter_store.hpp"
#include "decision.hpp"
#include "identity_hasher.hpp"
#include "presentation.hpp"
#include "qr/ceid1_verifier.hpp"
#include "roster_view.hpp"
#include "timetable_view.hpp"
#include "zone.hpp"

namespace gw::core {

struct DecisionContext {
    const AccessPoint& point;
    const Zone& zone;
    SysTime now;
    LocalTime local;
    bool clock_synced = true;
    std::optional<std::chrono::seconds> roster_age;  // nullopt: never synced
    const qr::Verification* eid = nullptr;  // QrText: the verification of steps 1-9
};

class PolicyEngine {
public:
    PolicyEngine(RosterView& roster, CounterStore& counters, TimetableView& timetable,
                 const IdentityHasher& hasher, const Calendar& calendar);

    Decision decide(const Presentation& p, const DecisionContext& ctx);

private:
    Decision decide_qr(const Presentation& p, const DecisionContext& ctx);
    bool identify_qr(const Presentation& p, const DecisionContext& ctx, Decision& d);
    bool authorize(const Person& person, const Presentation& p, const DecisionContext& ctx,
                   Decision& d);
    void admit(const Person& person, const Presentation& p, const DecisionContext& ctx,
               Decision& d);
    bool identify(const Presentation& p, Decision& d);
    bool identify_face(const Presentation& p, Decision& d);
    bool card_matches(const Credential& cred, const Presentation& p) const;
    bool check_person(const Person& person, const DecisionContext& ctx, Decision& d);
    bool check_staleness(const DecisionContext& ctx, Decision& d);
    bool check_membership(const Person& person, const Zone& zone, Decision& d);
    bool check_hours(const DecisionContext& ctx, Decision& d);
    bool check_curfew(const DecisionContext& ctx, Decision& d);
    bool check_meal(const Person& person, const DecisionContext& ctx, Decision& d);
    bool check_attendance(const Person& person, const DecisionContext& ctx, Decision& d);
    bool check_passback(const Person& person, const Presentation& p,
                        const DecisionContext& ctx, Decision& d);
    void commit_effects(const Person& person, const Presentation& p,
                        const DecisionContext& ctx, const Decision& d);

    RosterView& roster_;
    CounterStore& counters_;
    TimetableView& timetable_;
    const IdentityHasher& hasher_;
    const Calendar& calendar_;
};

/// True when minute-of-day `m` lies in [from, to), a window that may cross midnight.
bool in_daily_window(int m, int from, int to);

/// True when the zone's membership rules (allow_groups, allow_roles; none = everyone)
/// admit the person.
bool zone_admits(const Zone& zone, const Person& person);

/// True when the zone's opening hours admit the local time (closed days respected).
bool zone_open(const Zone& zone, const Calendar& cal, const LocalTime& t);

}  // namespace gw::core
