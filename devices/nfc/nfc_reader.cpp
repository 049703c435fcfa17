#include "nfc_reader.hpp"

#include <nfc/nfc.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <random>

#include "devices/nfc/desfire/campus_card_reader.hpp"
#include "devices/nfc/desfire/desfire_error.hpp"
#include "gateway/core/backoff.hpp"
#include "gateway/core/log.hpp"

namespace gw::dev::nfc {

namespace {

using Ms = std::chrono::milliseconds;
using SteadyClock = std::chrono::steady_clock;

struct ContextDeleter {
    void operator()(nfc_context* c) const { nfc_exit(c); }
};
struct DeviceDeleter {
    void operator()(nfc_device* d) const { nfc_close(d); }
};

std::string hex(const uint8_t* p, size_t n) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string s;
    for (size_t i = 0; i < n; ++i) {
        s.push_back(kHex[p[i] >> 4]);
        s.push_back(kHex[p[i] & 15]);
    }
    return s;
}

constexpr uint8_t kSakIso14443_4 = 0x20;  // SEL_RES bit: the card speaks ISO 14443-4

/// APDUs to the selected card through the PN532's InDataExchange (libnfc easy framing).
class LibnfcLink final : public desfire::CardTransceiver {
public:
    LibnfcLink(nfc_device* dev, Ms timeout)
        : dev_(dev), timeout_ms_(static_cast<int>(timeout.count())) {}
    core::Result<desfire::Bytes> transceive(desfire::ByteView apdu) override {
        uint8_t rx[264];  // the PN532's largest frame
        const int n = nfc_initiator_transceive_bytes(dev_, apdu.data(), apdu.size(), rx, sizeof rx,
                                                     timeout_ms_);
        if (n < 0)
            return core::Error{make_error_code(desfire::DesfireErrc::CardSilent),
                               nfc_strerror(dev_)};
        return desfire::Bytes(rx, rx + n);
    }

private:
    nfc_device* dev_;
    int timeout_ms_;
};

/// An open libnfc context and device; the device is closed first.
struct Session {
    std::unique_ptr<nfc_context, ContextDeleter> ctx;
    std::unique_ptr<nfc_device, DeviceDeleter> dev;
};

}  // namespace

/// Everything the reader thread uses, shared between NfcReader and the thread so that a
/// thread abandoned by stop() never touches a destroyed NfcReader. After request_stop()
/// returns, the worker reports nothing more to `events`.
class NfcReader::Worker {
public:
    Worker(NfcReaderOptions opts, core::DeviceEvents& events)
        : opts_(std::move(opts)),
          campus_cards_(opts_.desfire_master),
          chan_("dev." + opts_.id),
          events_(&events),
          backoff_(opts_.reopen_min, opts_.reopen_max, std::random_device{}()) {}

    void run();
    void request_stop();
    /// Waits up to `grace` for run() to return, aborting a pending libnfc command meanwhile.
    bool wait_done(Ms grace);

private:
    std::unique_ptr<Session> open_session();
    void close_session(std::unique_ptr<Session> s);
    void poll_cards(Session& s);
    void handle_card(Session& s, nfc_target& t);
    void watch(Session& s, nfc_target& t);
    std::optional<core::Presentation> read_card(Session& s, nfc_target& t);
    core::Result<std::string> authenticate(Session& s, const nfc_target& t);
    void report(core::Availability a, const std::string& detail);
    void present(core::Presentation p);
    void abort_command();
    bool sleep_for(Ms d);  // false when stopping
    bool stopping() const { return stopping_; }

    NfcReaderOptions opts_;
    desfire::CampusCardReader campus_cards_;
    std::string chan_;
    core::DeviceEvents* events_;
    std::mutex mu_;  // orders stopping_ against events_ calls; with cv_ for sleeps and done_
    std::condition_variable cv_;
    std::atomic<bool> stopping_{false};
    bool done_ = false;
    std::mutex dev_mu_;  // nfc_abort_command (stopping thread) must not race nfc_close
    nfc_device* dev_ = nullptr;
    core::Availability state_ = core::Availability::Unknown;
    core::Backoff backoff_;  // uniform in [d/2, d]: readers on one bus do not retry in step
};

NfcReader::NfcReader(NfcReaderOptions opts) : id_(opts.id), opts_(std::move(opts)) {}

NfcReader::~NfcReader() {
    stop();
}

void NfcReader::start(core::DeviceEvents& events) {
    worker_ = std::make_shared<Worker>(opts_, events);
    thread_ = std::thread([w = worker_] { w->run(); });
}

void NfcReader::stop() {
    if (!thread_.joinable()) return;
    worker_->request_stop();
    if (worker_->wait_done(opts_.stop_grace)) {
        thread_.join();
    } else {
        GW_LOG(Warning, "dev." + id_,
               core::LogLine("reader thread abandoned: a libnfc call did not return")
                   .kv("grace_ms", static_cast<long long>(opts_.stop_grace.count())));
        thread_.detach();  // it holds its own Worker and exits when the call times out
    }
    worker_.reset();
}

void NfcReader::Worker::request_stop() {
    {
        std::lock_guard lk(mu_);
        stopping_ = true;
    }
    cv_.notify_all();
}

bool NfcReader::Worker::wait_done(Ms grace) {
    const auto end = SteadyClock::now() + grace;
    std::unique_lock lk(mu_);
    // A sleeping thread wakes at once; only a thread inside libnfc needs the abort.
    while (!cv_.wait_for(lk, Ms(20), [this] { return done_; })) {
        if (SteadyClock::now() >= end) return false;
        lk.unlock();
        abort_command();
        lk.lock();
    }
    return true;
}

void NfcReader::Worker::abort_command() {
    std::lock_guard lk(dev_mu_);
    if (dev_) nfc_abort_command(dev_);
}

bool NfcReader::Worker::sleep_for(Ms d) {
    std::unique_lock lk(mu_);
    return !cv_.wait_for(lk, d, [this] { return stopping_.load(); });
}

void NfcReader::Worker::report(core::Availability a, const std::string& detail) {
    std::lock_guard lk(mu_);
    if (stopping_ || a == state_) return;  // state changes only
    state_ = a;
    events_->availability(opts_.id, a, detail);
}

void NfcReader::Worker::present(core::Presentation p) {
    std::lock_guard lk(mu_);
    if (!stopping_) events_->presentation(std::move(p));
}

void NfcReader::Worker::run() {
    while (!stopping()) {
        auto s = open_session();
        if (!s) {
            if (state_ != core::Availability::Offline)
                GW_LOG(Warning, chan_,
                       core::LogLine("reader not answering; retrying with backoff")
                           .kv("connstring", opts_.connstring));
            report(core::Availability::Offline, "cannot open " + opts_.connstring);
            if (!sleep_for(backoff_.next())) break;
            continue;
        }
        backoff_.reset();
        report(core::Availability::Online, nfc_device_get_name(s->dev.get()));
        GW_LOG(Notice, chan_, core::LogLine("reader open").kv("connstring", opts_.connstring));
        poll_cards(*s);
        close_session(std::move(s));
        if (stopping()) break;
        GW_LOG(Warning, chan_, core::LogLine("reader lost; reopening"));
        report(core::Availability::Offline, "reader stopped answering; reopening");
    }
    {
        std::lock_guard lk(mu_);
        done_ = true;
    }
    cv_.notify_all();
}

std::unique_ptr<Session> NfcReader::Worker::open_session() {
    auto s = std::make_unique<Session>();
    nfc_context* ctx = nullptr;
    nfc_init(&ctx);
    if (!ctx) return nullptr;
    s->ctx.reset(ctx);
    s->dev.reset(nfc_open(ctx, opts_.connstring.c_str()));
    if (!s->dev || nfc_initiator_init(s->dev.get()) < 0) return nullptr;
    // Bounded selects (a few RF retries, then "no card"), so the thread notices stop(),
    // card removal and a reader that stopped answering promptly.
    if (nfc_device_set_property_bool(s->dev.get(), NP_INFINITE_SELECT, false) < 0) return nullptr;
    std::lock_guard lk(dev_mu_);
    dev_ = s->dev.get();
    return s;
}

void NfcReader::Worker::close_session(std::unique_ptr<Session> s) {
    std::lock_guard lk(dev_mu_);
    dev_ = nullptr;
    s.reset();
}

void NfcReader::Worker::poll_cards(Session& s) {
    const nfc_modulation mod{NMT_ISO14443A, NBR_106};
    int failures = 0;
    while (!stopping()) {
        nfc_target t{};
        const int n = nfc_initiator_select_passive_target(s.dev.get(), mod, nullptr, 0, &t);
        if (stopping()) return;
        // A live reader answers "no card" within milliseconds; an RF error means it talks to
        // a card. Anything else (timeout, garbage, I/O error) is the reader failing: ask again
        // at once, and give up after failures_to_offline in a row.
        if (n < 0 && n != NFC_ERFTRANS) {
            if (++failures >= opts_.failures_to_offline) return;
            continue;
        }
        failures = 0;
        if (n > 0) handle_card(s, t);
        if (!sleep_for(opts_.poll_interval)) return;
    }
}

void NfcReader::Worker::handle_card(Session& s, nfc_target& t) {
    if (auto p = read_card(s, t)) present(std::move(*p));
    watch(s, t);
    nfc_initiator_deselect_target(s.dev.get());
}

void NfcReader::Worker::watch(Session& s, nfc_target& t) {
    // Present once per visit: wait for the card to leave the field, or for the hold-off.
    const auto shown = SteadyClock::now();
    while (sleep_for(opts_.poll_interval)) {
        if (opts_.hold_off.count() > 0 && SteadyClock::now() - shown >= opts_.hold_off) return;
        if (nfc_initiator_target_is_present(s.dev.get(), &t) != NFC_SUCCESS) return;
    }
}

std::optional<core::Presentation> NfcReader::Worker::read_card(Session& s, nfc_target& t) {
    const auto& a = t.nti.nai;
    core::Presentation p;
    p.device_id = opts_.id;
    p.received = SteadyClock::now();
    p.secret = hex(a.abtUid, a.szUidLen);
    if (opts_.security == CardSecurity::Uid) {
        p.accept_desfire_by_uid = true;  // card_security = "uid" was chosen explicitly
        return p;
    }
    auto id = authenticate(s, t);
    if (id) {
        p.kind = core::PresentationKind::DesfireAuthed;
        p.credential_id = std::move(*id);
        return p;
    }
    const bool silent = id.error().code == desfire::DesfireErrc::CardSilent;
    if (silent && nfc_initiator_target_is_present(s.dev.get(), &t) != NFC_SUCCESS) {
        GW_LOG(Info, chan_, core::LogLine("card left during authentication"));
        return std::nullopt;
    }
    // No UID and no key material in the line: the decision event carries the keyed tag.
    GW_LOG(Notice, chan_, core::LogLine("card refused").kv("why", id.error().code.message()));
    p.kind = core::PresentationKind::CardAuthFailed;
    return p;
}

core::Result<std::string> NfcReader::Worker::authenticate(Session& s, const nfc_target& t) {
    const auto& a = t.nti.nai;
    if ((a.btSak & kSakIso14443_4) == 0)  // MIFARE Classic, Ultralight, UID-only tags
        return core::Error{make_error_code(desfire::DesfireErrc::NotDesfire), "SAK"};
    LibnfcLink link(s.dev.get(), opts_.apdu_timeout);
    return campus_cards_.read_credential(link, desfire::ByteView(a.abtUid, a.szUidLen));
}

}  // namespace gw::dev::nfc
