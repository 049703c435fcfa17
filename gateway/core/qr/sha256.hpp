#pragma once
// SHA-256 (FIPS 180-4), needed in core for the holder signing input of CEID1 presentations
// (eid-qr-v1 §2) so that the SignatureVerifier port stays "ES256 over a message".
// Pure; thread-safe.
#include <array>
#include <cstdint>
#include <string_view>

namespace gw::core::qr {

using Sha256Digest = std::array<uint8_t, 32>;

Sha256Digest sha256(std::string_view data);

}  // namespace gw::core::qr
