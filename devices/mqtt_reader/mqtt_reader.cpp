#include "mqtt_reader.hpp"

#include "gateway/core/json_writer.hpp"
#include "gateway/core/log.hpp"
#include "reader_payload.hpp"

namespace gw::dev::mqtt_reader {

MqttReader::MqttReader(MqttReaderOptions opts, core::MessageBus& bus)
    : bus_(bus), sink_(std::make_shared<Sink>()) {
    sink_->opts = std::move(opts);
}

void MqttReader::start(core::DeviceEvents& events) {
    sink_->events = &events;
    sink_->running = true;
    bus_.subscribe(sink_->opts.topic,
                   [sink = sink_](const std::string&, const std::string& payload) {
                       if (sink->running) sink->on_message(payload);
                   });
}

void MqttReader::stop() { sink_->running = false; }

void MqttReader::Sink::on_message(const std::string& payload) {
    core::Presentation p;
    p.device_id = opts.id;
    p.received = std::chrono::steady_clock::now();
    p.accept_desfire_by_uid = opts.accept_desfire_by_uid;
    auto r = parse_reader_payload(payload);
    if (r.tap) {
        p.secret = std::move(r.tap->uid);
        p.direction = r.tap->direction;
    } else {
        p.kind = core::PresentationKind::Malformed;
        GW_LOG(Warning, "dev." + opts.id,
               core::LogLine("malformed reader payload").kv("why", r.error)
                   .kv("bytes", static_cast<long long>(payload.size())));
    }
    if (!seen.exchange(true))
        events->availability(opts.id, core::Availability::Online, "first message received");
    events->presentation(std::move(p));
}

void MqttReader::feedback(const core::Presentation&, const core::Decision& d) {
    if (!sink_->opts.answer) return;
    core::JsonWriter w;
    w.begin_object();
    w.field("decision", d.allowed() ? "allow" : "deny");
    w.field("reason", core::to_string(d.reason));
    w.end_object();
    bus_.publish(sink_->opts.topic + "/decision", w.take(), 0, false);
}

}  // namespace gw::dev::mqtt_reader
