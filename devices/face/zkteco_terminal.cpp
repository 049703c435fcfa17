#include "zkteco_terminal.hpp"

#include "gateway/core/log.hpp"

namespace gw::dev::face {

namespace {

int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

PushReply text(std::string body, int status = 200) { return {status, "text/plain", std::move(body)}; }

}  // namespace

std::string query_value(const std::string& query, const std::string& key) {
    size_t pos = 0;
    while (pos <= query.size()) {
        const auto amp = query.find('&', pos);
        const auto part = query.substr(pos, amp == std::string::npos ? std::string::npos : amp - pos);
        const auto eq = part.find('=');
        if (part.substr(0, eq) == key) return eq == std::string::npos ? "" : part.substr(eq + 1);
        if (amp == std::string::npos) break;
        pos = amp + 1;
    }
    return {};
}

ZktecoTerminal::ZktecoTerminal(ZktecoOptions opts, EnrolmentContext ctx)
    : opts_(std::move(opts)), ctx_(std::move(ctx)) {}

ZktecoTerminal::~ZktecoTerminal() { stop(); }

void ZktecoTerminal::start(core::DeviceEvents& events) {
    events_ = &events;
    listener_ = std::make_unique<PushListener>(opts_.push,
                                               [this](const PushRequest& r) { return on_request(r); });
    if (auto st = listener_->start(); !st) {
        GW_LOG(Err, "dev." + opts_.id, core::LogLine("iclock listener failed").kv("why", st.error().message()));
        events.availability(opts_.id, core::Availability::Offline, "cannot listen: " + st.error().message());
        listener_.reset();
    }
    worker_.every(std::chrono::milliseconds(500), [this] { check_silence(); });
    if (ctx_.open_roster) worker_.every(ctx_.sync_interval, [this] { sync(); });
    worker_.start();
}

void ZktecoTerminal::stop() {
    if (listener_) listener_->stop();
    worker_.stop();
}

void ZktecoTerminal::feedback(const core::Presentation&, const core::Decision& d) {
    if (d.verdict == core::Verdict::Deny && d.reason == core::Reason::UnknownCredential)
        ++unknown_person_;
}

std::vector<core::DeviceCounter> ZktecoTerminal::counters() const {
    std::vector<core::DeviceCounter> out;
    append_refusals(listener_ ? listener_->counters() : PushCounters{}, out);
    out.push_back({"unknown_person", unknown_person_});
    return out;
}

void ZktecoTerminal::seen() {
    last_seen_ms_ = now_ms();
    if (!online_.exchange(true)) {
        GW_LOG(Notice, "dev." + opts_.id, core::LogLine("terminal availability").kv("state", "online"));
        events_->availability(opts_.id, core::Availability::Online, "terminal polls");
    }
}

void ZktecoTerminal::check_silence() {
    const auto silent = now_ms() - last_seen_ms_.load();
    const auto limit = std::chrono::duration_cast<std::chrono::milliseconds>(opts_.poll_interval * 3);
    if (online_ && silent > limit.count()) {
        online_ = false;
        GW_LOG(Warning, "dev." + opts_.id, core::LogLine("terminal availability").kv("state", "offline"));
        events_->availability(opts_.id, core::Availability::Offline, "terminal stopped polling");
    }
}

PushReply ZktecoTerminal::on_request(const PushRequest& req) {
    if (query_value(req.query, "SN") != opts_.serial_number) return text("Forbidden", 403);
    seen();
    if (req.path == "/iclock/cdata" && req.method == "GET") return handshake();
    if (req.path == "/iclock/cdata" && req.method == "POST")
        return upload(query_value(req.query, "table"), req.body);
    if (req.path == "/iclock/getrequest") {
        auto cmds = queue_.take(opts_.commands_per_poll);
        return text(cmds.empty() ? "OK" : cmds);
    }
    if (req.path == "/iclock/devicecmd" && req.method == "POST") {
        const auto n = queue_.acknowledge(parse_devicecmd(req.body));
        GW_LOG(Info, "dev." + opts_.id, core::LogLine("command results")
                                            .kv("matched", static_cast<long long>(n))
                                            .kv("pending", static_cast<long long>(queue_.pending())));
        return text("OK");
    }
    return text("Not Found", 404);
}

PushReply ZktecoTerminal::handshake() const {
    const auto delay = std::to_string(opts_.poll_interval.count());
    return text("GET OPTION FROM: " + opts_.serial_number + "\nATTLOGStamp=None\nOPERLOGStamp=9999\n"
                "ATTPHOTOStamp=None\nErrorDelay=30\nDelay=" + delay + "\nTransTimes=00:00;14:05\n"
                "TransInterval=1\nTransFlag=TransData AttLog\tOpLog\tEnrollUser\tChgUser\n"
                "TimeZone=8\nRealtime=1\nEncrypt=None\n");
}

PushReply ZktecoTerminal::upload(const std::string& table, const std::string& body) {
    if (table == "ATTLOG" || table == "rtlog") {
        const auto parsed = table == "ATTLOG" ? parse_attlog(body) : parse_rtlog(body);
        present(parsed, table == "rtlog");
        return text(table == "ATTLOG" ? "OK:" + std::to_string(parsed.lines) : "OK");
    }
    std::lock_guard lock(tables_mutex_);
    if (unknown_tables_.insert(table.substr(0, 32)).second)
        GW_LOG(Notice, "dev." + opts_.id, core::LogLine("upload of a table not used; acknowledged")
                                              .kv("table", table.substr(0, 32)));
    return text("OK");
}

void ZktecoTerminal::present(const ZkParseResult& parsed, bool rtlog) {
    const auto received = std::chrono::steady_clock::now();
    for (const auto& rec : parsed.records) {
        if (rec.pin.empty()) continue;  // door and alarm events carry no person
        core::Presentation p;
        p.device_id = opts_.id;
        p.received = received;
        p.kind = core::PresentationKind::Face;
        p.secret = rec.pin;
        if (rec.verify != ZkVerify::Face) p.flags.push_back("verify_" + std::string(to_string(rec.verify)));
        if (rtlog && !rec.pass) p.flags.push_back("terminal_refused");
        events_->presentation(std::move(p));
    }
    for (const auto& why : parsed.errors) {
        GW_LOG(Warning, "dev." + opts_.id, core::LogLine("malformed record").kv("why", why));
        core::Presentation p;
        p.device_id = opts_.id;
        p.received = received;
        p.kind = core::PresentationKind::Malformed;
        events_->presentation(std::move(p));
    }
}

void ZktecoTerminal::sync() {
    if (!roster_) {
        auto opened = ctx_.open_roster();
        if (!opened) {
            GW_LOG(Err, "dev." + opts_.id, core::LogLine("user sync: roster unavailable").kv("why", opened.error().message()));
            return;
        }
        roster_ = std::move(opened.value());
    }
    auto all = roster_->face_enrolments();
    if (!all) return;
    const auto n = queue_.plan(core::terminal_members(*all, ctx_.zones));
    if (n > 0)
        GW_LOG(Notice, "dev." + opts_.id, core::LogLine("user commands queued").kv("count", static_cast<long long>(n)));
}

}  // namespace gw::dev::face
