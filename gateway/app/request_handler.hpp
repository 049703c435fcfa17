#pragma once
// RequestHandler: the MQTT request/response interface (mqtt-v1 §4). A request arrives on
// `{base}/request/{op}` as `{"transaction": "...", ...params}`; the response goes to
// `{base}/response/{op}` with the same `transaction`, `"status": "ok"|"error"`, `"data"`
// and `"error"`. Ops: health, sync, reload, door/open (signed: DoorRequestVerifier),
// lookup. Anything else — unknown ops, bad JSON, missing fields — gets an error response
// and is counted; nothing a caller sends can take the gateway down.
//
// Runs on the core loop thread (the MQTT thread only posts the raw request there). The
// actions it needs from the running gateway are passed in as functions, so it depends on
// nothing but ports.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "door_request_verifier.hpp"
#include "gateway/core/clock.hpp"
#include "gateway/core/message_bus.hpp"
#include "gateway/core/roster_view.hpp"

namespace gw::app {

struct RequestDeps {
    core::MessageBus& bus;
    std::string base_topic;
    const core::Clock& clock;
    core::RosterView& roster;
    DoorRequestVerifier& doors;
    std::function<std::string()> health;  // JSON object: info plus per-device detail
    std::function<std::string()> reload;  // "" when the new config is in force, else why not
    std::function<std::string(const std::string& point)> open_door;  // "" or why not
    /// Runs an e-ID sync and returns "" or why it failed; unset when [eid] is not configured.
    std::function<std::string()> sync;
};

struct RequestStats {
    uint64_t ok = 0;
    uint64_t errors = 0;     // answered with status "error" (refused, unknown op, failed)
    uint64_t malformed = 0;  // of which: not a JSON object, or a field of the wrong type
};

class RequestHandler {
public:
    static constexpr size_t kMaxPayload = 4096;
    static constexpr size_t kMaxOp = 64;

    explicit RequestHandler(RequestDeps deps) : deps_(std::move(deps)) {}

    /// Handles one request and publishes its response.
    void handle(const std::string& op, const std::string& payload);
    const RequestStats& stats() const { return stats_; }

private:
    void respond(const std::string& op, const std::string* transaction,
                 const std::string& error, const std::string& data);

    RequestDeps deps_;
    RequestStats stats_;
};

}  // namespace gw::app
