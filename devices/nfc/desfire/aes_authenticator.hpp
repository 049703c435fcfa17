#pragma once
// AesAuthenticator: the host side of DESFire EV1 AuthenticateAES (0xAA), three passes:
//   host  AA keyNo                              card  AF E(K, RndB)            (IV = 0)
//   host  AF E(K, RndA || rotl8(RndB))          card  00 E(K, rotl8(RndA))
// The IV of each encryption is the last cipher block sent or received before it. The card
// proves it holds K by returning RndA rotated; then the session key is
// RndA[0..3] || RndB[0..3] || RndA[12..15] || RndB[12..15] and the IV restarts at zero.
// Pure: RndA is given by the caller (random in production, fixed in tests). One per attempt.
#include <cstdint>

#include "bytes.hpp"
#include "gateway/core/result.hpp"
#include "secure_session.hpp"

namespace gw::dev::nfc::desfire {

class AesAuthenticator {
public:
    AesAuthenticator(const AesKey& key, const Block& rnd_a) : key_(key), rnd_a_(rnd_a) {}

    /// Pass 2: from the card's E(K, RndB) (exactly 16 bytes) to the 32 bytes sent with AF.
    /// Errors: BadLength, CryptoFailed.
    core::Result<Bytes> answer(ByteView card_challenge);

    /// Pass 3: checks the card's E(K, rotl8(RndA)) (exactly 16 bytes) and opens the session.
    /// Errors: BadLength, CardProofFailed (the card does not hold K), CryptoFailed;
    /// BadLength also when answer() did not succeed first.
    core::Result<SecureSession> finish(ByteView card_proof);

private:
    AesKey key_;
    Block rnd_a_;
    Block rnd_b_{};
    Block iv_{};
    bool answered_ = false;
};

/// Rotates a block left by one byte (rotl8).
Block rotate_left(const Block& b);

}  // namespace gw::dev::nfc::desfire
