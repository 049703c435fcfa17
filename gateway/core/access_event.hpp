#pragma once
// An access event (mqtt-v1 §2): one per decision, serialised to JSON for the outbox.
#include <cstdint>
#include <string>

#include "access_point.hpp"
#include "decision.hpp"
#include "zone.hpp"

namespace gw::core {

struct AccessEvent {
    std::string event_id;   // UUIDv7
    uint64_t seq = 0;
    std::string time;       // RFC 3339, site offset, milliseconds
    bool clock_synced = true;
    std::string site;
    std::string gateway;
    std::string point;
    std::string zone;
    ZoneKind zone_kind = ZoneKind::Other;
    Direction direction = Direction::In;
    std::string device;
    Decision decision;
    int64_t latency_us = 0;

    /// The JSON payload (schema campus.access/1). Contains no name, UID or QR text.
    std::string to_json() const;
    /// "access/{zone_kind}/{point}" relative to the gateway's base topic.
    std::string topic_suffix() const;
};

}  // namespace gw::core
