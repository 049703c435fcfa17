#include "access_service.hpp"

#include <algorithm>
#include <cctype>

namespace gw::core {

AccessService::AccessService(GatewayIdentity id, const Clock& clock, const TimeZone& tz,
                             RosterView& roster, PolicyEngine& engine, Outbox& outbox)
    : id_(std::move(id)), clock_(clock), tz_(tz), roster_(roster), engine_(engine),
      outbox_(outbox) {}

// eid-qr-v1 §4: a gateway never stamps an event earlier than the last one it stored (a Pi
// without RTC boots with an old clock until NTP answers; its events say "clock":"unsynced").
// A synchronised clock overrules a floor an unsynchronised one set (a dead RTC battery
// that said 2031 must not hold every later event in 2031); the stored floor counts as
// unsynchronised, since nothing says how it was set.
SysTime AccessService::stamp() {
    if (!floor_)
        floor_ = SysTime(std::chrono::milliseconds(outbox_.newest_created_ms()));
    const SysTime clock = clock_.now();
    const bool synced = clock_.synced();
    const bool keep_floor = !synced || floor_synced_;
    const SysTime now = keep_floor ? std::max(clock, *floor_) : clock;
    if (now != *floor_) floor_synced_ = synced;
    floor_ = now;
    return now;
}

void AccessService::begin_batch() { roster_updated_at_ = roster_.roster_updated_at(); }

Result<Outcome> AccessService::handle(const Presentation& p, const Topology& topology) {
    const AccessPoint* point = topology.point_for_device(p.device_id);
    if (!point) return make_error(std::errc::invalid_argument, "device feeds no access point");
    const Zone* zone = topology.zone(point->zone_id);
    if (!zone) return make_error(std::errc::invalid_argument, "point names a missing zone");

    const SysTime now = stamp();
    const LocalTime local = tz_.to_local(now);
    std::optional<std::chrono::seconds> age;
    if (roster_updated_at_)
        age = std::chrono::duration_cast<std::chrono::seconds>(now - *roster_updated_at_);
    DecisionContext ctx{*point, *zone, now, local, clock_.synced(), age};
    qr::Verification eid;
    Outcome out{point, make_event(p, *point, *zone, now, local, decide(p, ctx, eid))};

    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    OutboxEntry entry{out.event.seq, id_.base_topic() + "/" + out.event.topic_suffix(),
                      out.event.to_json(), ms};
    if (auto st = outbox_.append(entry); !st) return st.error();
    if (ctx.eid && eid.decoded) {
        if (auto st = append_shown(eid, *point, out.event, now); !st) return st.error();
    }
    return out;
}

namespace {

/// A plain code at a `plain_codes = "card_uid"` point: the card number of 4, 7 or 10 bytes
/// in hex, as printed on campus cards; nullopt for anything else.
std::optional<std::string> card_number(std::string_view text) {
    if (text.size() != 8 && text.size() != 14 && text.size() != 20) return std::nullopt;
    std::string uid;
    for (char c : text) {
        if (!std::isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
        uid += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return uid;
}

}  // namespace

Decision AccessService::decide(const Presentation& p, DecisionContext& ctx,
                               qr::Verification& eid) {
    if (p.kind != PresentationKind::QrText) return engine_.decide(p, ctx);
    if (ctx.point.plain_codes == PlainCodes::CardUid && !p.secret.starts_with("CEID1:")) {
        if (auto uid = card_number(p.secret)) {
            Presentation card = p;
            card.kind = PresentationKind::CardUid;
            card.secret = std::move(*uid);
            return engine_.decide(card, ctx);
        }
    }
    if (!qr_) return engine_.decide(p, ctx);
    eid = qr_->verify(p.secret, ctx.point, ctx.now, ctx.clock_synced);
    ctx.eid = &eid;
    Decision d = engine_.decide(p, ctx);
    qr_->remember(eid, ctx.point, ctx.now, d);
    return d;
}

// eid-qr-v1 §5: every verification past decoding leaves a 亮证记录, right after its event.
Status AccessService::append_shown(const qr::Verification& v, const AccessPoint& point,
                                   const AccessEvent& event, SysTime now) {
    EidShownRecord r;
    r.event_id = uuid_.next(now);
    r.seq = outbox_.next_seq();
    r.time = event.time;
    r.clock_synced = event.clock_synced;
    r.cid = v.cid;
    r.credential_name = v.tname;
    r.site = id_.site;
    r.point = point.id;
    r.venue_code = point.venue_code;
    r.point_name = point.name;
    r.service = point.service;
    r.allowed = event.decision.allowed();
    r.reason = std::string(to_string(event.decision.reason));
    OutboxEntry entry{r.seq, id_.base_topic() + "/" + EidShownRecord::kTopicSuffix,
                      r.to_json(), std::chrono::duration_cast<std::chrono::milliseconds>(
                                       now.time_since_epoch()).count()};
    return outbox_.append(entry);
}

AccessEvent AccessService::make_event(const Presentation& p, const AccessPoint& point,
                                      const Zone& zone, SysTime now, const LocalTime& local,
                                      Decision decision) {
    AccessEvent e;
    e.latency_us = std::chrono::duration_cast<std::chrono::microseconds>(
                       std::chrono::steady_clock::now() - p.received)
                       .count();
    e.event_id = uuid_.next(now);
    e.seq = outbox_.next_seq();
    e.time = format_rfc3339(local);
    e.clock_synced = clock_.synced();
    e.site = id_.site;
    e.gateway = id_.gateway;
    e.point = point.id;
    e.zone = zone.id;
    e.zone_kind = zone.kind;
    e.direction = p.direction.value_or(point.direction);
    e.device = p.device_id;
    e.decision = std::move(decision);
    return e;
}

}  // namespace gw::core
