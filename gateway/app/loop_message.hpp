#pragma once
// What device and adapter threads may post to the core loop. Nothing else crosses threads.
#include <cstdint>
#include <future>
#include <memory>
#include <string>
#include <variant>

#include "gateway/core/device.hpp"
#include "gateway/core/presentation.hpp"

namespace gw::app {

struct AvailabilityChange {
    std::string device;
    core::Availability state = core::Availability::Unknown;
    std::string detail;
};
struct PublishAcked { int mid = 0; };
/// A retained `{base}/info` came in: its `outbox.last_seq` (SeqGuard).
struct SeqSeen { uint64_t last_seq = 0; };
struct BrokerConnected {};
struct BrokerDisconnected { std::string reason; };
struct StopRequested {};
struct ReloadRequested {};
/// An MQTT request (mqtt-v1 §4): `op` is the topic after "{base}/request/".
struct RequestReceived {
    std::string op;
    std::string payload;
};

/// A Prometheus scrape: the loop renders the text and fulfils the promise.
struct MetricsScrape {
    std::shared_ptr<std::promise<std::string>> reply;
};

using LoopMessage = std::variant<core::Presentation, AvailabilityChange, PublishAcked,
                                 BrokerConnected, BrokerDisconnected, StopRequested,
                                 ReloadRequested, RequestReceived, MetricsScrape, SeqSeen>;

}  // namespace gw::app
