#pragma once
// The card side of a MIFARE DESFire EV1 as the PN532 emulator's InDataExchange sees it:
// ISO 7816-wrapped native commands in (90 cmd 00 00 [Lc data] 00), data || 91 status out.
// Models one AES application with keys 0 and 1 and one enciphered standard data file
// (campus-card-v1 by default): SelectApplication (5A), AuthenticateAES (AA, 3 passes),
// ReadData (BD, enciphered, split into 59-byte frames with AF continuation), and the
// errors a real card gives (A0 no application, AE authentication error, 9D/F0/BE/7E/1C).
// Any error ends the authentication, as on a real card. Not thread-safe: the emulator
// calls it under its lock.
#include <array>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "devices/nfc/desfire/bytes.hpp"

namespace gw::test::pn532 {

using gw::dev::nfc::desfire::AesKey;
using gw::dev::nfc::desfire::Block;

/// An AES application with one enciphered data file readable with key 1.
struct DesfireApp {
    std::array<uint8_t, 3> aid{0x01, 0x10, 0xF5};  // as on the wire (LSB first)
    AesKey master_key{};                           // key 0, the card office's
    AesKey read_key{};                             // key 1
    uint8_t file_no = 1;
    std::vector<uint8_t> file;  // file contents

    /// The campus application (campus-card-v1) holding `credential_id`, readable with
    /// `read_key` (the genuine card's key is campus_read_key(master, uid); a clone's is not).
    static DesfireApp campus(const AesKey& read_key, const std::string& credential_id);
};

class DesfireCard {
public:
    explicit DesfireCard(std::optional<DesfireApp> app) : app_(std::move(app)) {}

    /// One APDU from the reader; the card's answer.
    std::vector<uint8_t> handle(const std::vector<uint8_t>& apdu);
    /// Field reset / deselect: no application selected, not authenticated.
    void reset();
    /// How many authentications succeeded / failed (for test assertions).
    int auth_ok() const { return auth_ok_; }
    int auth_failed() const { return auth_failed_; }

private:
    using Bytes = std::vector<uint8_t>;
    enum class Stage { Idle, Challenged, Authenticated };

    Bytes dispatch(uint8_t cmd, const Bytes& data);
    Bytes select(const Bytes& data);
    Bytes authenticate(const Bytes& data);
    Bytes prove(const Bytes& data);
    Bytes read_data(const Bytes& data);
    Bytes next_frame();
    Bytes error(uint8_t status);

    std::optional<DesfireApp> app_;
    bool selected_ = false;
    Stage stage_ = Stage::Idle;
    uint8_t key_no_ = 0;
    Block rnd_b_{};
    Block iv_{};
    AesKey session_{};
    Bytes pending_;  // rest of a long answer, sent on AF
    std::mt19937 rng_{std::random_device{}()};
    int auth_ok_ = 0;
    int auth_failed_ = 0;
};

}  // namespace gw::test::pn532
