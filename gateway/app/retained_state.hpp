#pragma once
// The gateway's retained MQTT state (mqtt-v1 §1): status, info and each device's
// availability. Kept here so it can be republished in full after every (re)connect — a
// broker restarted without persistence has lost it. Used only from the core loop thread.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "gateway/core/clock.hpp"
#include "gateway/core/device.hpp"
#include "gateway/core/message_bus.hpp"
#include "gateway/core/outbox.hpp"
#include "gateway/core/sync_status.hpp"

namespace gw::core {
class JsonWriter;
}

namespace gw::app {

struct InfoFacts {
    std::string config_hash;
    std::string roster_cursor;
    std::optional<int64_t> roster_age_s;
    core::OutboxStats outbox;
    int64_t now_ms = 0;
    uint64_t malformed = 0;   // malformed presentations since start
    uint64_t decisions = 0;   // decisions since start
    uint64_t last_seq = 0;    // the last seq handed out (SeqGuard)
    /// Each device's refusal counters (core::Device::counters()), for `health` only.
    std::map<std::string, std::vector<core::DeviceCounter>> device_counters;
};

class RetainedState {
public:
    RetainedState(std::string base_topic, std::string started_at);

    void set_bus(core::MessageBus* bus) { bus_ = bus; }
    /// A retained QoS 1 publish that says whether the client took it and under which id
    /// (for the SeqGuard's probe and announcements); nullopt: refused (not connected).
    using ConfirmedSend =
        std::function<std::optional<int>(const std::string& topic, const std::string& payload)>;
    void set_confirmed_send(ConfirmedSend send) { confirmed_ = std::move(send); }
    /// Where `info` gets the e-ID sync state (thread-safe source); unset: no [eid].
    void set_eid_status(std::function<core::SyncStatus()> source) { eid_ = std::move(source); }
    /// Registers a device as `unknown` until it reports.
    void add_device(const std::string& id, const std::string& since);
    void remove_devices();
    /// Records and (if connected) publishes a change; returns false if nothing changed.
    bool set_availability(const std::string& id, core::Availability a, const std::string& detail,
                          const std::string& since);
    void publish_all(const InfoFacts& facts);
    void publish_info(const InfoFacts& facts);
    /// Every device's availability (status and info are published apart: SeqGuard).
    void publish_devices();
    /// `status` online through the confirmed send: the SeqGuard's probe.
    std::optional<int> publish_status_confirmed();
    /// `info` through the confirmed send; false if the client refused it.
    bool publish_info_confirmed(const InfoFacts& facts);
    /// The `info` payload (mqtt-v1 §1).
    std::string info_payload(const InfoFacts& facts) const;
    /// The `health` response data: {"info": <info>, "devices": [{id, state, since, detail,
    /// and "refused": {name: count} for a device that counts refusals}]}.
    std::string health_payload(const InfoFacts& facts) const;
    /// The payload the Last Will carries, and what a clean stop publishes.
    static std::string offline_payload();
    std::string online_payload() const;
    std::vector<std::pair<std::string, core::Availability>> device_states() const;
    /// "online/offline/unknown" device counts, to notice changes worth an info update.
    std::string device_summary() const;
    /// The e-ID sync state an operator watches (state, last error, trust list version,
    /// revocations), to notice changes worth an info update; "" without [eid].
    std::string eid_summary() const;

private:
    struct DeviceState {
        core::Availability state = core::Availability::Unknown;
        std::string since;
        std::string detail;
    };
    struct DeviceCounts {
        int online = 0, offline = 0, unknown = 0;
    };
    DeviceCounts count_devices() const;
    static void write_eid(core::JsonWriter& w, const core::SyncStatus& s, int64_t now_ms);
    void publish_availability(const std::string& id, const DeviceState& s);

    std::string base_;
    std::string started_at_;
    ConfirmedSend confirmed_;
    core::MessageBus* bus_ = nullptr;
    std::function<core::SyncStatus()> eid_;
    std::map<std::string, DeviceState> devices_;
};

}  // namespace gw::app
