// Fuzz target: what a card (or anything pretending to be one) answers a campus-card read
// (devices/nfc/desfire). The input is a script of answers, each one length byte then that
// many bytes, fed to CampusCardReader in turn (select, authenticate, read, AF frames) with a
// fixed RndA, so a seed can carry a complete genuine exchange and mutations reach every
// parser: native status words, the authentication tokens, the enciphered file (CRC,
// padding), the credential id. Also feeds the whole input to the single-answer parsers.
#include <cstdint>
#include <string>

#include "devices/nfc/desfire/campus_card.hpp"
#include "devices/nfc/desfire/campus_card_reader.hpp"
#include "devices/nfc/desfire/desfire_error.hpp"
#include "devices/nfc/desfire/native_apdu.hpp"

namespace df = gw::dev::nfc::desfire;

namespace {

/// Plays back the scripted answers; silent when the script runs out.
class ScriptedCard final : public df::CardTransceiver {
public:
    ScriptedCard(const uint8_t* p, size_t n) : p_(p), n_(n) {}
    gw::core::Result<df::Bytes> transceive(df::ByteView) override {
        if (n_ == 0) return gw::core::Error{make_error_code(df::DesfireErrc::CardSilent), ""};
        const size_t len = p_[0] < n_ - 1 ? p_[0] : n_ - 1;
        df::Bytes answer(p_ + 1, p_ + 1 + len);
        p_ += 1 + len;
        n_ -= 1 + len;
        return answer;
    }

private:
    const uint8_t* p_;
    size_t n_;
};

// campus-card-v1 vector master key; UID 04A1B2C3D4E5F6; RndA 00 01 .. 0F.
constexpr df::AesKey kMaster = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
                                0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF};
constexpr uint8_t kUid[] = {0x04, 0xA1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6};

gw::core::Result<df::Block> fixed_rnd_a() {
    df::Block b{};
    for (size_t i = 0; i < b.size(); ++i) b[i] = static_cast<uint8_t>(i);
    return b;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    ScriptedCard card(data, size);
    df::CampusCardReader reader(kMaster, fixed_rnd_a);
    auto id = reader.read_credential(card, kUid);
    if (id) {
        if (id->empty() || id->size() > df::CampusCard::kFileSize) __builtin_trap();
        for (char c : *id)
            if (static_cast<unsigned char>(c) < 0x20) __builtin_trap();
    } else if (id.error().code.category() != df::desfire_category()) {
        __builtin_trap();  // every refusal is a typed DESFire reason
    }
    const df::ByteView all(data, size);
    if (auto r = df::unwrap_native(all); r && r->data.size() + 2 != size) __builtin_trap();
    (void)df::parse_credential_file(all);
    return 0;
}
