#include "policy_engine.hpp"

#include <algorithm>

namespace gw::core {

namespace {

bool deny(Decision& d, Reason r) {
    d.verdict = Verdict::Deny;
    d.reason = r;
    return false;
}

std::optional<Reason> credential_status_reason(CredentialStatus s) {
    switch (s) {
    case CredentialStatus::Active: return std::nullopt;
    case CredentialStatus::Lost: return Reason::Lost;
    case CredentialStatus::Suspended: return Reason::Suspended;
    case CredentialStatus::Revoked: return Reason::Revoked;
    }
    return Reason::Revoked;
}

// Rules that read the wall clock cannot be trusted while it is unsynchronised.
bool time_dependent(const Zone& z) {
    return !z.hours.empty() || z.curfew || !z.meal_windows.empty() ||
           z.kind == ZoneKind::Attendance;
}

Direction effective_direction(const Presentation& p, const AccessPoint& point) {
    return p.direction.value_or(point.direction);
}

}  // namespace

bool in_daily_window(int m, int from, int to) {
    if (from <= to) return m >= from && m < to;
    return m >= from || m < to;  // crosses midnight
}

bool zone_open(const Zone& zone, const Calendar& cal, const LocalTime& t) {
    if (zone.hours.empty()) return true;
    const int today = t.weekday;
    const int yesterday = (t.weekday + 6) % 7;
    for (const auto& h : zone.hours) {
        const bool on_today = (h.weekdays >> today) & 1;
        const bool on_yesterday = (h.weekdays >> yesterday) & 1;
        if (h.from < h.to) {
            if (on_today && !cal.closed(t.day) && t.minute >= h.from && t.minute < h.to)
                return true;
        } else {
            // An opening that crosses midnight belongs to the day it starts on.
            if (on_today && !cal.closed(t.day) && t.minute >= h.from) return true;
            if (on_yesterday && !cal.closed(t.day - 1) && t.minute < h.to) return true;
        }
    }
    return false;
}

PolicyEngine::PolicyEngine(RosterView& roster, CounterStore& counters,
                           TimetableView& timetable, const IdentityHasher& hasher,
                           const Calendar& calendar)
    : roster_(roster), counters_(counters), timetable_(timetable), hasher_(hasher),
      calendar_(calendar) {}

Decision PolicyEngine::decide(const Presentation& p, const DecisionContext& ctx) {
    if (p.kind == PresentationKind::QrText) return decide_qr(p, ctx);
    Decision d;
    d.flags = p.flags;
    if (!identify(p, d)) return d;
    if (!ctx.clock_synced && ctx.point.clock_unsynced == UnsyncedPolicy::Deny &&
        time_dependent(ctx.zone)) {
        deny(d, Reason::ClockUnsynced);
        return d;
    }
    const Person person = *d.person;
    if (authorize(person, p, ctx, d)) admit(person, p, ctx, d);
    return d;
}

bool PolicyEngine::authorize(const Person& person, const Presentation& p,
                             const DecisionContext& ctx, Decision& d) {
    const bool any_eid = ctx.eid && ctx.zone.allow_any_valid_eid;
    return check_person(person, ctx, d) && check_staleness(ctx, d) &&
           (any_eid || check_membership(person, ctx.zone, d)) && check_hours(ctx, d) &&
           check_curfew(ctx, d) && check_meal(person, ctx, d) &&
           check_attendance(person, ctx, d) && check_passback(person, p, ctx, d);
}

void PolicyEngine::admit(const Person& person, const Presentation& p,
                         const DecisionContext& ctx, Decision& d) {
    d.verdict = Verdict::Allow;
    d.reason = Reason::Ok;
    if (ctx.zone.kind == ZoneKind::Venue)
        d.venue = VenueInfo{ctx.point.venue_code, ctx.zone.category};
    commit_effects(person, p, ctx, d);
}

// eid-qr-v1 §4: steps 1-9 were the verifier's (ctx.eid); step 10 is the ordinary
// authorization of `sub`. The clock cannot be trusted for steps 5 and 7 while unsynced, so
// the point's clock_unsynced policy decides first. A re-scan repeats the earlier outcome
// without counting twice.
Decision PolicyEngine::decide_qr(const Presentation& p, const DecisionContext& ctx) {
    Decision d;
    d.flags = p.flags;
    if (!identify_qr(p, ctx, d)) return d;
    const qr::Verification& v = *ctx.eid;
    if (v.repeat) {
        d.verdict = v.repeat_verdict;
        d.reason = v.reason;
        d.flags.emplace_back("repeat");
        if (d.allowed() && ctx.zone.kind == ZoneKind::Venue)
            d.venue = VenueInfo{ctx.point.venue_code, ctx.zone.category};
        return d;
    }
    if (!ctx.clock_synced && ctx.point.clock_unsynced == UnsyncedPolicy::Deny) {
        deny(d, Reason::ClockUnsynced);
        return d;
    }
    const Person person = *d.person;
    if (authorize(person, p, ctx, d)) admit(person, p, ctx, d);
    return d;
}

// The holder is named only once the signatures proved the credential genuine. A valid
// e-ID of another school (no roster entry) is admitted only where the zone allows any.
bool PolicyEngine::identify_qr(const Presentation& p, const DecisionContext& ctx, Decision& d) {
    d.credential_kind = "eid_qr";
    const qr::Verification* v = ctx.eid;
    d.credential_ref = hasher_.tag(v && v->decoded ? std::string_view(v->cid) : p.secret);
    if (!v) return deny(d, Reason::Malformed);
    const bool genuine = v->reason == Reason::Ok || v->repeat;
    if (!genuine && v->reason != Reason::Revoked) return deny(d, v->reason);
    auto cred = roster_.find_credential(v->cid);
    if (cred && cred->kind == CredentialKind::EidQr) {
        d.credential_ref = cred->ref;
        d.credential = cred;
    }
    d.person = roster_.find_person(cred && cred->kind == CredentialKind::EidQr ? cred->person_id
                                                                                : v->sub);
    if (!genuine) return deny(d, v->reason);
    if (!d.person && ctx.zone.allow_any_valid_eid) {
        Person visitor;
        visitor.id = v->sub;
        d.person = std::move(visitor);
        d.flags.emplace_back("other_school");
    }
    return d.person || v->repeat || deny(d, Reason::UnknownCredential);
}

// campus-card-v1 §4: an authenticated card's credential must be a `desfire` one issued to
// this very UID (a genuine card cannot lend its id to another card). A `desfire` credential
// presented by UID alone is a clone unless the reader was set to card_security = "uid".
bool PolicyEngine::card_matches(const Credential& cred, const Presentation& p) const {
    if (p.kind == PresentationKind::DesfireAuthed)
        return cred.kind == CredentialKind::Desfire && cred.uid_key == hasher_.uid_key(p.secret);
    return cred.kind != CredentialKind::Desfire || p.accept_desfire_by_uid;
}

// A face terminal names a person (its employee number / PIN is the roster person id); the
// credential is the person's `face` enrolment, whose status decides like a card's. The
// score check comes after identification so a low-score deny still names the holder.
bool PolicyEngine::identify_face(const Presentation& p, Decision& d) {
    d.credential_kind = "face";
    auto cred = p.secret.empty() ? std::nullopt
                                 : roster_.find_person_credential(p.secret, CredentialKind::Face);
    if (!cred) {
        if (!p.secret.empty()) d.credential_ref = hasher_.tag(p.secret);
        return deny(d, Reason::UnknownCredential);
    }
    d.credential_ref = cred->ref;
    d.credential = cred;
    d.person = roster_.find_person(cred->person_id);
    if (auto r = credential_status_reason(cred->status)) return deny(d, *r);
    if (!d.person) return deny(d, Reason::UnknownCredential);
    if (p.face_score && p.min_face_score && *p.face_score < *p.min_face_score)
        return deny(d, Reason::FaceScoreLow);
    return true;
}

bool PolicyEngine::identify(const Presentation& p, Decision& d) {
    if (p.kind == PresentationKind::Face) return identify_face(p, d);
    d.credential_kind = "nfc_uid";
    if (p.kind == PresentationKind::Malformed) {
        d.credential_kind = "unknown";
        return deny(d, Reason::Malformed);
    }
    if (p.kind != PresentationKind::CardUid) d.credential_kind = "desfire";
    if (p.kind == PresentationKind::CardAuthFailed) {
        d.credential_ref = hasher_.tag(p.secret);
        return deny(d, Reason::CardAuthFailed);
    }
    auto cred = p.kind == PresentationKind::DesfireAuthed
                    ? roster_.find_credential(p.credential_id)
                    : roster_.find_by_uid_key(hasher_.uid_key(p.secret));
    if (!cred) {
        d.credential_ref = hasher_.tag(p.secret);  // unknown cards are tagged too, never shown
        return deny(d, Reason::UnknownCredential);
    }
    d.credential_kind = std::string(to_string(cred->kind));
    d.credential_ref = cred->ref;
    d.credential = cred;
    // The holder is named even on a deny (a lost card used at the gate is worth knowing).
    d.person = roster_.find_person(cred->person_id);
    if (!card_matches(*cred, p)) return deny(d, Reason::CardAuthFailed);
    if (auto r = credential_status_reason(cred->status)) return deny(d, *r);
    if (!d.person) return deny(d, Reason::UnknownCredential);
    return true;
}

bool PolicyEngine::check_person(const Person& person, const DecisionContext& ctx,
                                Decision& d) {
    if (person.status == PersonStatus::Suspended) return deny(d, Reason::Suspended);
    if (person.status != PersonStatus::Active) return deny(d, Reason::PersonInactive);
    if (ctx.local.day < person.valid_from || ctx.local.day > person.valid_to)
        return deny(d, Reason::PersonInactive);
    return true;
}

bool PolicyEngine::check_staleness(const DecisionContext& ctx, Decision& d) {
    const auto& limit = ctx.point.max_roster_age;
    if (!limit) return true;
    if (ctx.roster_age && *ctx.roster_age <= *limit) return true;
    d.mode = DecisionMode::Degraded;
    if (ctx.point.when_stale == StalePolicy::Deny) return deny(d, Reason::RosterStale);
    return true;  // allow_known: the person is known; the zone's rules still apply
}

bool zone_admits(const Zone& zone, const Person& person) {
    if (zone.allow_groups.empty() && zone.allow_roles.empty()) return true;
    for (const auto& g : zone.allow_groups)
        if (person.in_group(g)) return true;
    const auto role = to_string(person.role);
    for (const auto& r : zone.allow_roles)
        if (r == role) return true;
    return false;
}

bool PolicyEngine::check_membership(const Person& person, const Zone& zone, Decision& d) {
    return zone_admits(zone, person) || deny(d, Reason::NotPermitted);
}

bool PolicyEngine::check_hours(const DecisionContext& ctx, Decision& d) {
    if (zone_open(ctx.zone, calendar_, ctx.local)) return true;
    return deny(d, Reason::OutsideHours);
}

bool PolicyEngine::check_curfew(const DecisionContext& ctx, Decision& d) {
    const auto& c = ctx.zone.curfew;
    if (!c || !in_daily_window(ctx.local.minute, c->from, c->to)) return true;
    if (c->action == CurfewAction::Deny) return deny(d, Reason::Curfew);
    d.flags.emplace_back("curfew_late");
    return true;
}

bool PolicyEngine::check_meal(const Person& person, const DecisionContext& ctx, Decision& d) {
    if (ctx.zone.kind != ZoneKind::Canteen || ctx.zone.meal_windows.empty()) return true;
    const auto& ws = ctx.zone.meal_windows;
    auto it = std::find_if(ws.begin(), ws.end(), [&](const MealWindow& w) {
        return ctx.local.minute >= w.from && ctx.local.minute < w.to;
    });
    if (it == ws.end()) return deny(d, Reason::OutsideHours);
    const int count = counters_.meal_count(person.id, ctx.zone.id, it->name, ctx.local.day);
    d.meal = MealInfo{it->name, count + 1};
    if (it->quota > 0 && count >= it->quota) {
        d.meal->count = count;
        return deny(d, Reason::QuotaExceeded);
    }
    return true;
}

bool PolicyEngine::check_attendance(const Person& person, const DecisionContext& ctx,
                                    Decision& d) {
    if (ctx.zone.kind != ZoneKind::Attendance) return true;
    const auto open = std::chrono::minutes(ctx.zone.checkin_open_min);
    for (const auto& s : timetable_.sessions_at(ctx.point.id, ctx.now, open)) {
        if (!person.in_group(s.group)) continue;
        const bool present = ctx.now <= s.start + std::chrono::minutes(ctx.zone.grace_min);
        d.attendance = AttendanceInfo{s.id, present ? "present" : "late"};
        d.flags.emplace_back(present ? "attendance_present" : "attendance_late");
        if (counters_.meal_count(person.id, ctx.zone.id, "session:" + s.id, ctx.local.day) > 0)
            d.flags.emplace_back("repeat");
        return true;
    }
    return deny(d, Reason::NoSession);
}

bool PolicyEngine::check_passback(const Person& person, const Presentation& p,
                                  const DecisionContext& ctx, Decision& d) {
    if (ctx.zone.antipassback == AntiPassback::Off) return true;
    const Direction dir = effective_direction(p, ctx.point);
    if (dir == Direction::Both) return true;  // direction unknown: nothing to compare
    auto last = counters_.last_pass(person.id, ctx.zone.id);
    if (!last || last->day != ctx.local.day || last->last != dir) return true;
    if (ctx.zone.antipassback == AntiPassback::Hard) return deny(d, Reason::Antipassback);
    d.flags.emplace_back("antipassback");
    return true;
}

void PolicyEngine::commit_effects(const Person& person, const Presentation& p,
                                  const DecisionContext& ctx, const Decision& d) {
    if (d.meal) counters_.add_meal(person.id, ctx.zone.id, d.meal->window, ctx.local.day);
    if (d.attendance) {
        const std::string key = "session:" + d.attendance->session;
        counters_.add_meal(person.id, ctx.zone.id, key, ctx.local.day);
    }
    const Direction dir = effective_direction(p, ctx.point);
    if (ctx.zone.antipassback != AntiPassback::Off && dir != Direction::Both)
        counters_.record_pass(person.id, ctx.zone.id, PassbackState{dir, ctx.local.day});
}

}  // namespace gw::core
