#pragma once
// What a face driver's enrolment sync needs from the rest of the gateway: the roster (a
// FaceRoster opened on the worker thread), the zones of the points the terminal feeds
// (who may be on it), how to reach the photos, and where to report refusals
// ({base}/devices/{device}/event over the message bus). Plain data plus callables; the
// composition root fills it in.
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "gateway/core/face_roster.hpp"
#include "gateway/core/message_bus.hpp"
#include "gateway/core/result.hpp"
#include "gateway/core/zone.hpp"

namespace gw::dev::face {

struct EnrolmentContext {
    std::function<core::Result<std::unique_ptr<core::FaceRoster>>()> open_roster;  // null: no sync
    std::vector<core::Zone> zones;
    std::string photo_base;   // the e-ID API base for relative photo_url ([eid] url)
    std::string photo_token;  // bearer token sent to photo_base only
    std::chrono::milliseconds sync_interval{std::chrono::minutes(5)};
    core::MessageBus* bus = nullptr;
    std::string event_topic;  // {base}/devices/{device}/event

    /// The absolute URL of a photo_url ("" when it cannot be resolved) and whether the
    /// token may go with it (same origin as photo_base).
    std::pair<std::string, bool> resolve(const std::string& photo_url) const;
    /// Publishes a device event {"schema","time","device","event",...extra}.
    void publish(const std::string& device, const std::string& event,
                 const std::vector<std::pair<std::string, std::string>>& fields) const;
};

}  // namespace gw::dev::face
