#pragma once
// The core use case: a presentation comes in, the policy engine decides, the access event
// is appended to the outbox (inside the caller's batch). Acting on the decision (door,
// reader answer) is the caller's job and happens only after the batch is committed.
// Used only from the core loop thread.
#include <memory>
#include <string>

#include "access_event.hpp"
#include "clock.hpp"
#include "eid_qr_gate.hpp"
#include "eid_shown_record.hpp"
#include "outbox.hpp"
#include "policy_engine.hpp"
#include "presentation.hpp"
#include "result.hpp"
#include "roster_view.hpp"
#include "topology.hpp"
#include "uuid7.hpp"

namespace gw::core {

struct GatewayIdentity {
    std::string site;
    std::string gateway;
    /// campus/v1/{site}/{gateway}
    std::string base_topic() const { return "campus/v1/" + site + "/" + gateway; }
};

struct Outcome {
    const AccessPoint* point = nullptr;
    AccessEvent event;  // event.decision is the decision
};

class AccessService {
public:
    AccessService(GatewayIdentity id, const Clock& clock, const TimeZone& tz,
                  RosterView& roster, PolicyEngine& engine, Outbox& outbox);

    /// Where scanned QR texts are verified; without one they are denied `malformed`.
    void set_qr_gate(EidQrGate* gate) { qr_ = gate; }

    /// Re-reads per-batch facts (roster age). Call at the start of each batch.
    void begin_batch();
    /// Decides and appends the event. Fails when the device feeds no point or the outbox
    /// write fails; the caller logs, counts, and (for the latter) aborts the batch.
    Result<Outcome> handle(const Presentation& p, const Topology& topology);

    const GatewayIdentity& identity() const { return id_; }

private:
    SysTime stamp();
    Decision decide(const Presentation& p, DecisionContext& ctx, qr::Verification& eid);
    Status append_shown(const qr::Verification& v, const AccessPoint& point,
                        const AccessEvent& event, SysTime now);
    AccessEvent make_event(const Presentation& p, const AccessPoint& point, const Zone& zone,
                           SysTime now, const LocalTime& local, Decision decision);

    GatewayIdentity id_;
    const Clock& clock_;
    const TimeZone& tz_;
    RosterView& roster_;
    PolicyEngine& engine_;
    Outbox& outbox_;
    EidQrGate* qr_ = nullptr;
    Uuid7Generator uuid_;
    std::optional<SysTime> roster_updated_at_;
    std::optional<SysTime> floor_;  // newest stamp handed out
    bool floor_synced_ = false;     // floor_ came from a synchronised clock
};

}  // namespace gw::core
