#include "nfc_reader.hpp"

#include <nfc/nfc.h>

#include <algorithm>
#include <memory>

#include "devices/nfc/desfire/desfire_error.hpp"
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

constexpr uint8_t kSakIso14443_4 = 0x20;  // SEL_RES bit: the card speaks ISO 14443-4

/// APDUs to the selected card through the PN532's InDataExchange (libnfc easy framing).
class LibnfcLink final : public desfire::CardTransceiver {
public:
    LibnfcLink(nfc_device* dev, std::chrono::milliseconds timeout)
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

}  // namespace

struct NfcReader::Session {
    std::unique_ptr<nfc_context, ContextDeleter> ctx;
    std::unique_ptr<nfc_device, DeviceDeleter> dev;
};

struct NfcReader::Target {
    nfc_target t{};
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
        Target card;
        const int n = nfc_initiator_select_passive_target(s.dev.get(), mod, nullptr, 0, &card.t);
        if (n < 0 && n != NFC_ETIMEOUT && n != NFC_ERFTRANS) return;  // the reader is gone
        if (n > 0) {
            if (auto p = read_card(s, card)) events.presentation(std::move(*p));
            // Present once per visit: wait for the card to leave the field.
            while (!stopping_ &&
                   nfc_initiator_target_is_present(s.dev.get(), &card.t) == NFC_SUCCESS)
                if (!sleep_for(opts_.poll_interval)) return;
            nfc_initiator_deselect_target(s.dev.get());
        }
        if (!sleep_for(opts_.poll_interval)) return;
    }
}

std::optional<core::Presentation> NfcReader::read_card(Session& s, Target& card) {
    const auto& a = card.t.nti.nai;
    core::Presentation p;
    p.device_id = opts_.id;
    p.received = std::chrono::steady_clock::now();
    p.secret = hex(a.abtUid, a.szUidLen);
    if (opts_.security == CardSecurity::Uid) {
        p.accept_desfire_by_uid = true;  // card_security = "uid" was chosen explicitly
        return p;
    }
    auto id = authenticate(s, card);
    if (id) {
        p.kind = core::PresentationKind::DesfireAuthed;
        p.credential_id = std::move(*id);
        return p;
    }
    const std::string chan = "dev." + opts_.id;
    const bool silent = id.error().code == desfire::DesfireErrc::CardSilent;
    if (silent && nfc_initiator_target_is_present(s.dev.get(), &card.t) != NFC_SUCCESS) {
        GW_LOG(Info, chan, core::LogLine("card left during authentication"));
        return std::nullopt;
    }
    // No UID and no key material in the line: the decision event carries the keyed tag.
    GW_LOG(Notice, chan, core::LogLine("card refused").kv("why", id.error().code.message()));
    p.kind = core::PresentationKind::CardAuthFailed;
    return p;
}

core::Result<std::string> NfcReader::authenticate(Session& s, const Target& card) {
    const auto& a = card.t.nti.nai;
    if ((a.btSak & kSakIso14443_4) == 0)  // MIFARE Classic, Ultralight, UID-only tags
        return core::Error{make_error_code(desfire::DesfireErrc::NotDesfire), "SAK"};
    LibnfcLink link(s.dev.get(), opts_.apdu_timeout);
    return campus_cards_.read_credential(link, desfire::ByteView(a.abtUid, a.szUidLen));
}

}  // namespace gw::dev::nfc
