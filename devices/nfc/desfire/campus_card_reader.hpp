#pragma once
// CampusCardReader: reads the credential id of a campus card (campus-card-v1) through a
// CardTransceiver: SelectApplication F51001, AuthenticateAES with key 1 diversified from the
// site's read master key (AN10922), ReadData of the enciphered credential file (0xAF frames
// joined), CRC and padding checked. Blocking for as long as the transceiver is; holds the
// master key for the reader's lifetime; one per reader thread (not thread-safe).
//
// Errors (DesfireErrc): CardSilent (transport: the card may have left); NotDesfire,
// ApplicationNotFound, AuthenticationError, PermissionDenied, CardStatus, BadLength,
// CardProofFailed, CrcMismatch, BadPadding, BadCredential (the card is not a genuine campus
// card for this site); CryptoFailed.
#include <functional>
#include <string>

#include "bytes.hpp"
#include "card_transceiver.hpp"
#include "gateway/core/result.hpp"
#include "native_apdu.hpp"
#include "secure_session.hpp"

namespace gw::dev::nfc::desfire {

/// Where RndA comes from: OpenSSL's CSPRNG in production, fixed blocks in tests.
using RandomBlock = std::function<core::Result<Block>()>;
core::Result<Block> secure_random_block();

class CampusCardReader {
public:
    explicit CampusCardReader(const AesKey& master, RandomBlock random = secure_random_block)
        : master_(master), random_(std::move(random)) {}

    /// The credential id stored on the card whose anticollision UID is `uid` (7 bytes).
    core::Result<std::string> read_credential(CardTransceiver& card, ByteView uid);

private:
    core::Result<NativeResponse> send(CardTransceiver& card, uint8_t command, ByteView params);
    core::Result<NativeResponse> exchange(CardTransceiver& card, uint8_t command, ByteView params,
                                          uint8_t expected_status);
    core::Result<SecureSession> authenticate(CardTransceiver& card, const AesKey& key);
    core::Result<Bytes> read_frames(CardTransceiver& card, ByteView command);
    core::Result<std::string> read_file(CardTransceiver& card, SecureSession& session);

    AesKey master_;
    RandomBlock random_;
};

}  // namespace gw::dev::nfc::desfire
