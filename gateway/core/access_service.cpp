#include "access_service.hpp"

namespace gw::core {

AccessService::AccessService(GatewayIdentity id, const Clock& clock, const TimeZone& tz,
                             RosterView& roster, PolicyEngine& engine, Outbox& outbox)
    : id_(std::move(id)), clock_(clock), tz_(tz), roster_(roster), engine_(engine),
      outbox_(outbox) {}

void AccessService::begin_batch() { roster_updated_at_ = roster_.roster_updated_at(); }

Result<Outcome> AccessService::handle(const Presentation& p, const Topology& topology) {
    const AccessPoint* point = topology.point_for_device(p.device_id);
    if (!point) return make_error(std::errc::invalid_argument, "device feeds no access point");
    const Zone* zone = topology.zone(point->zone_id);
    if (!zone) return make_error(std::errc::invalid_argument, "point names a missing zone");

    const SysTime now = clock_.now();
    const LocalTime local = tz_.to_local(now);
    std::optional<std::chrono::seconds> age;
    if (roster_updated_at_)
        age = std::chrono::duration_cast<std::chrono::seconds>(now - *roster_updated_at_);
    DecisionContext ctx{*point, *zone, now, local, clock_.synced(), age};
    Outcome out{point, make_event(p, *point, *zone, now, local, engine_.decide(p, ctx))};

    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    OutboxEntry entry{out.event.seq, id_.base_topic() + "/" + out.event.topic_suffix(),
                      out.event.to_json(), ms};
    if (auto st = outbox_.append(entry); !st) return st.error();
    return out;
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
