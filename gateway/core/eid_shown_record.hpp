#pragma once
// A 亮证记录 (mqtt-v1 §3, eid-qr-v1 §5): what a student sees in their e-ID app for every
// verification of their QR code that got past decoding — who verified (site, point, 场所码,
// point name), the credential's name, the time, the service (办理事项), and the outcome.
// Shares the gateway's one `seq` with access events. Carries the credential id (`cid`,
// pseudonymous by eid-qr-v1 §3) but never the QR text, a person id or a name.
#include <cstdint>
#include <string>

namespace gw::core {

struct EidShownRecord {
    std::string event_id;  // UUIDv7
    uint64_t seq = 0;
    std::string time;      // RFC 3339, site offset, milliseconds
    bool clock_synced = true;
    std::string cid;
    std::string credential_name;  // the credential's `tname`
    std::string site;
    std::string point;
    std::string venue_code;       // 场所码; empty when the point has none
    std::string point_name;
    std::string service;          // 办理事项
    bool allowed = false;
    std::string reason;

    /// The JSON payload (schema campus.eid-shown/1).
    std::string to_json() const;
    /// Relative to the gateway's base topic.
    static constexpr const char* kTopicSuffix = "eid/shown";
};

}  // namespace gw::core
