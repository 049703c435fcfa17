#include "mqtt_reader.hpp"

#include "gateway/core/json_writer.hpp"
#include "gateway/core/log.hpp"
#include "reader_payload.hpp"

namespace gw::dev::mqtt_reader {

MqttReader::MqttReader(MqttReaderOptions opts, core::MessageBus& bus)
    : opts_(std::move(opts)), bus_(bus) {}

void MqttReader::start(core::DeviceEvents& events) {
    events_ = &events;
    running_ = true;
    bus_.subscribe(opts_.topic, [this](const std::string&, const std::string& payload) {
        if (running_) on_message(payload);
    });
}

void MqttReader::stop() { running_ = false; }

void MqttReader::on_message(const std::string& payload) {
    core::Presentation p;
    p.device_id = opts_.id;
    p.received = std::chrono::steady_clock::now();
    p.accept_desfire_by_uid = opts_.accept_desfire_by_uid;
    auto r = parse_reader_payload(payload);
    if (r.tap) {
        p.secret = std::move(r.tap->uid);
        p.direction = r.tap->direction;
    } else {
        p.kind = core::PresentationKind::Malformed;
        GW_LOG(Warning, "dev." + opts_.id,
               core::LogLine("malformed reader payload").kv("why", r.error)
                   .kv("bytes", static_cast<long long>(payload.size())));
    }
    if (!seen_.exchange(true))
        events_->availability(opts_.id, core::Availability::Online, "first message received");
    events_->presentation(std::move(p));
}

void MqttReader::feedback(const core::Presentation&, const core::Decision& d) {
    if (!opts_.answer) return;
    core::JsonWriter w;
    w.begin_object();
    w.field("decision", d.allowed() ? "allow" : "deny");
    w.field("reason", core::to_string(d.reason));
    w.end_object();
    bus_.publish(opts_.topic + "/decision", w.take(), 0, false);
}

}  // namespace gw::dev::mqtt_reader
