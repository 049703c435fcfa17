#include "nfc_reader.hpp"

#include <nfc/nfc.h>

#include <algorithm>
#include <memory>

#include "gateway/core/log.hpp"

namespace gw::dev::nfc {

namespace {

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

}  // namespace

struct NfcReader::Session {
    std::unique_ptr<nfc_context, ContextDeleter> ctx;
    std::unique_ptr<nfc_device, DeviceDeleter> dev;
};

void NfcReader::start(core::DeviceEvents& events) {
    stopping_ = false;
    thread_ = std::thread([this, &events] { run(events); });
}

void NfcReader::stop() {
    stopping_ = true;
    if (thread_.joinable()) thread_.join();
}

bool NfcReader::sleep_for(std::chrono::milliseconds d) {
    const auto end = std::chrono::steady_clock::now() + d;
    while (!stopping_ && std::chrono::steady_clock::now() < end)
        std::this_thread::sleep_for(std::min(d, std::chrono::milliseconds(20)));
    return !stopping_;
}

void NfcReader::run(core::DeviceEvents& events) {
    const std::string chan = "dev." + opts_.id;
    auto backoff = std::chrono::milliseconds(500);
    while (!stopping_) {
        Session s;
        nfc_context* ctx = nullptr;
        nfc_init(&ctx);
        s.ctx.reset(ctx);
        if (ctx) s.dev.reset(nfc_open(ctx, opts_.connstring.c_str()));
        if (!s.dev || nfc_initiator_init(s.dev.get()) < 0) {
            events.availability(opts_.id, core::Availability::Offline,
                                "cannot open " + opts_.connstring);
            if (!sleep_for(backoff)) return;
            backoff = std::min(backoff * 2, opts_.reopen_max);
            continue;
        }
        // Bounded selects, so the thread notices stop() and card removal promptly.
        nfc_device_set_property_bool(s.dev.get(), NP_INFINITE_SELECT, false);
        backoff = std::chrono::milliseconds(500);
        events.availability(opts_.id, core::Availability::Online, nfc_device_get_name(s.dev.get()));
        GW_LOG(Notice, chan, core::LogLine("reader open").kv("connstring", opts_.connstring));
        poll_cards(s, events);
        if (!stopping_)
            events.availability(opts_.id, core::Availability::Offline, "reader lost; reopening");
    }
}

void NfcReader::poll_cards(Session& s, core::DeviceEvents& events) {
    const nfc_modulation mod{NMT_ISO14443A, NBR_106};
    while (!stopping_) {
        nfc_target t{};
        const int n = nfc_initiator_select_passive_target(s.dev.get(), mod, nullptr, 0, &t);
        if (n < 0 && n != NFC_ETIMEOUT && n != NFC_ERFTRANS) return;  // the reader is gone
        if (n > 0) {
            core::Presentation p;
            p.device_id = opts_.id;
            p.received = std::chrono::steady_clock::now();
            p.secret = hex(t.nti.nai.abtUid, t.nti.nai.szUidLen);
            p.accept_desfire_by_uid = true;  // card_security = "uid" was chosen explicitly
            events.presentation(std::move(p));
            // Present once per visit: wait for the card to leave the field.
            while (!stopping_ && nfc_initiator_target_is_present(s.dev.get(), &t) == NFC_SUCCESS)
                if (!sleep_for(opts_.poll_interval)) return;
            nfc_initiator_deselect_target(s.dev.get());
        }
        if (!sleep_for(opts_.poll_interval)) return;
    }
}

}  // namespace gw::dev::nfc
