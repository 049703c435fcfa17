#include "hikvision_terminal.hpp"

#include <algorithm>

#include "gateway/core/log.hpp"
#include "hik_event.hpp"

namespace gw::dev::face {

namespace {
constexpr size_t kSerialMemory = 256;

/// The answer thread's client: the same terminal and account, but no request may outlast
/// the time the terminal waits for an answer.
HttpClientOptions answer_options(const HikvisionOptions& o) {
    HttpClientOptions a = o.api;
    a.timeout = std::min(a.timeout, o.remote_check_timeout);
    return a;
}
}

HikvisionTerminal::HikvisionTerminal(HikvisionOptions opts, EnrolmentContext ctx)
    : opts_(std::move(opts)), ctx_(std::move(ctx)), api_(opts_.api),
      enroller_(opts_.enrol, ctx_, api_), answer_api_(answer_options(opts_)) {}

HikvisionTerminal::~HikvisionTerminal() { stop(); }

void HikvisionTerminal::start(core::DeviceEvents& events) {
    events_ = &events;
    if (!opts_.push.listen.empty()) {
        listener_ = std::make_unique<PushListener>(
            opts_.push, [this](const PushRequest& r) { return on_push(r); });
        if (auto st = listener_->start(); !st) {
            GW_LOG(Err, "dev." + opts_.id, core::LogLine("event listener failed").kv("why", st.error().message()));
            events.availability(opts_.id, core::Availability::Offline, "cannot listen: " + st.error().message());
            listener_.reset();
        }
    }
    worker_.every(opts_.poll_interval, [this] { poll_health(); });
    if (ctx_.open_roster) worker_.every(ctx_.sync_interval, [this] { enroller_.sync(); });
    worker_.start();
    answerer_.start();
}

void HikvisionTerminal::stop() {
    if (listener_) listener_->stop();
    worker_.stop();
    answerer_.stop();
}

void HikvisionTerminal::feedback(const core::Presentation& p, const core::Decision& d) {
    if (p.answer_ref)
        answer(*p.answer_ref, d.allowed(), std::string(core::to_string(d.reason)), p.received);
    if (d.verdict != core::Verdict::Deny) return;
    if (d.reason == core::Reason::FaceScoreLow) ++face_score_low_;
    else if (d.reason == core::Reason::UnknownCredential) ++unknown_person_;
}

std::vector<core::DeviceCounter> HikvisionTerminal::counters() const {
    std::vector<core::DeviceCounter> out;
    append_refusals(listener_ ? listener_->counters() : PushCounters{}, out);
    out.push_back({"face_score_low", face_score_low_});
    out.push_back({"unknown_person", unknown_person_});
    out.push_back({"remote_check_unanswered", unanswered_.load()});
    return out;
}

void HikvisionTerminal::open_door() {
    worker_.post([this] {
        const std::string body =
            "<RemoteControlDoor version=\"2.0\" xmlns=\"http://www.isapi.org/ver20/XMLSchema\">"
            "<cmd>open</cmd></RemoteControlDoor>";
        auto r = api_.request("PUT", "/ISAPI/AccessControl/RemoteControl/door/" +
                                         std::to_string(opts_.door),
                              "application/xml", body);
        if (!r || r->status != 200)
            GW_LOG(Warning, "dev." + opts_.id,
                   core::LogLine("door open failed")
                       .kv("why", r ? "http " + std::to_string(r->status) : r.error().message()));
    });
}

bool HikvisionTerminal::asks_answer(const HikEvent& e) const {
    switch (opts_.remote_check) {
        case RemoteCheckMode::Auto: return e.remote_check && e.serial_no.has_value();
        case RemoteCheckMode::Always:  // credential events only: door states are no questions
            return e.serial_no.has_value() && e.kind != HikEventKind::Other;
        case RemoteCheckMode::Off: return false;
    }
    return false;
}

void HikvisionTerminal::answer(uint64_t serial, bool success, std::string info,
                               std::chrono::steady_clock::time_point asked) {
    answerer_.post([this, serial, success, info = std::move(info), asked] {
        // The terminal has given up by now and applied its own timeout rule.
        if (std::chrono::steady_clock::now() - asked > opts_.remote_check_timeout)
            return unanswered("too late");
        auto r = answer_api_.request("PUT", "/ISAPI/AccessControl/remoteCheck?format=json",
                                     "application/json",
                                     remote_check_answer(serial, success, info));
        if (!r) return unanswered(r.error().message());
        if (r->status != 200) return unanswered("http " + std::to_string(r->status));
    });
}

void HikvisionTerminal::unanswered(const std::string& why) {
    const auto n = ++unanswered_;
    GW_LOG(Warning, "dev." + opts_.id, core::LogLine("remote check not answered")
                                           .kv("why", why).kv("count", static_cast<long long>(n)));
}

bool HikvisionTerminal::seen_before(uint64_t serial) {
    std::lock_guard lock(serial_mutex_);
    if (std::find(recent_serials_.begin(), recent_serials_.end(), serial) != recent_serials_.end())
        return true;
    recent_serials_.push_back(serial);
    if (recent_serials_.size() > kSerialMemory) recent_serials_.pop_front();
    return false;
}

PushReply HikvisionTerminal::on_push(const PushRequest& req) {
    if (req.method != "POST" || req.path != opts_.push.path_prefix)
        return {404, "text/plain", "Not Found"};
    auto parsed = parse_hik_push(req.content_type, req.body);
    if (!parsed.event) {
        GW_LOG(Warning, "dev." + opts_.id, core::LogLine("malformed event push").kv("why", parsed.error)
                                               .kv("bytes", static_cast<long long>(req.body.size())));
        return {400, "text/plain", "Bad Request"};
    }
    const auto& e = *parsed.event;
    const bool asks = asks_answer(e);
    if (e.kind == HikEventKind::Other && !asks) return {};
    if (e.serial_no && seen_before(*e.serial_no)) return {};
    const auto received = std::chrono::steady_clock::now();
    if (e.kind == HikEventKind::Other) {
        // A question about something that is no credential here (fingerprint, PIN...):
        // answered at once, so that the terminal does not wait.
        answer(*e.serial_no, false, "unsupported", received);
        return {};
    }
    events_->presentation(presentation_of(e, asks, received));
    return {};
}

core::Presentation HikvisionTerminal::presentation_of(
    const HikEvent& e, bool asks, std::chrono::steady_clock::time_point received) const {
    core::Presentation p;
    p.device_id = opts_.id;
    p.received = received;
    if (asks) {
        p.answer_ref = e.serial_no;
        p.device_opens = true;
    }
    if (e.kind == HikEventKind::Card) {
        auto uid = card_uid_from_number(e.card_no, opts_.card_decimal);
        if (uid) p.secret = *uid;
        else p.kind = core::PresentationKind::Malformed;
    } else {
        p.kind = core::PresentationKind::Face;
        if (e.kind == HikEventKind::Face) p.secret = e.employee_no;
        p.face_score = e.similarity;
        p.min_face_score = opts_.min_face_score;
    }
    return p;
}

void HikvisionTerminal::report(core::Availability a, const std::string& detail) {
    if (a == last_ && detail == last_detail_) return;
    last_ = a;
    last_detail_ = detail;
    GW_LOG(Notice, "dev." + opts_.id, core::LogLine("terminal availability")
                                          .kv("state", core::to_string(a)).kv("detail", detail));
    events_->availability(opts_.id, a, detail);
}

void HikvisionTerminal::poll_health() {
    auto r = api_.request("GET", "/ISAPI/System/deviceInfo");
    if (!r) return report(core::Availability::Offline, "unreachable");
    if (r->status == 401) return report(core::Availability::Offline, "authentication failed");
    if (r->status != 200) return report(core::Availability::Offline, "http " + std::to_string(r->status));
    report(core::Availability::Online, "ISAPI answers");
}

}  // namespace gw::dev::face
