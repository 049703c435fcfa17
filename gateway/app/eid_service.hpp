#pragma once
// EidService: the e-ID sync as the running gateway sees it (eid-sync-v1). Built from the
// [eid] section: the HTTP(S) client, the pinned trust root, a store connection of its own
// (docs/adr/0004-eid-sync.md), the EidSync passes and the SyncRunner thread, and the
// subscriptions to the change notifications (campus/v1/{site}/eid/notify and
// campus/v1/eid/notify) on the gateway's MQTT bus.
//
// Lifetime: start() after the bus exists (subscriptions are renewed by the bus on every
// reconnect); stop() before the bus is destroyed. Thread-safety: status() and
// request_now() from any thread.
#include <memory>
#include <string>

#include "gateway/config/config.hpp"
#include "gateway/core/clock.hpp"
#include "gateway/core/message_bus.hpp"
#include "gateway/core/result.hpp"
#include "gateway/core/sync_status.hpp"

namespace gw::app {

class EidService {
public:
    /// Reads the token and trust root files, opens the store connection, subscribes and
    /// starts the thread. Errors name the [eid] key at fault.
    static core::Result<std::unique_ptr<EidService>> start(const config::Config& cfg,
                                                           const core::Clock& clock,
                                                           const core::TimeZone& tz,
                                                           core::MessageBus& bus);
    ~EidService();
    EidService(const EidService&) = delete;
    EidService& operator=(const EidService&) = delete;

    void stop();
    /// A full sync as soon as the backoff allows (the MQTT `sync` request).
    void request_now();
    core::SyncStatus status() const;

private:
    struct Parts;
    explicit EidService(std::unique_ptr<Parts> parts);
    std::unique_ptr<Parts> p_;
};

}  // namespace gw::app
