#pragma once
// DESFire native commands wrapped in ISO 7816-4 APDUs, as libfreefare and NXP readers send
// them: CLA=90 INS=cmd P1=00 P2=00 [Lc data] Le=00. The card answers data || 91 status.
// Pure codec: bytes in, values out. Thread-safe.
#include <cstdint>

#include "bytes.hpp"
#include "gateway/core/result.hpp"

namespace gw::dev::nfc::desfire {

/// DESFire status codes (the SW2 after 91) the gateway distinguishes.
namespace status {
constexpr uint8_t kOk = 0x00;
constexpr uint8_t kAdditionalFrame = 0xAF;
constexpr uint8_t kPermissionDenied = 0x9D;
constexpr uint8_t kApplicationNotFound = 0xA0;
constexpr uint8_t kAuthenticationError = 0xAE;
}  // namespace status

/// Native command codes used by campus-card-v1.
namespace cmd {
constexpr uint8_t kSelectApplication = 0x5A;
constexpr uint8_t kAuthenticateAes = 0xAA;
constexpr uint8_t kAdditionalFrame = 0xAF;
constexpr uint8_t kReadData = 0xBD;
}  // namespace cmd

/// A card's answer: its status byte and the data before it.
struct NativeResponse {
    uint8_t status = 0;
    Bytes data;
};

/// 90 cmd 00 00 [Lc params] 00. `params` holds at most 255 bytes (checked by the caller's
/// protocol: campus-card-v1 never sends more than 32).
Bytes wrap_native(uint8_t command, ByteView params);

/// Splits `data || 91 SW2`. Errors: DesfireErrc::NotDesfire (shorter than 2 bytes, or SW1 is
/// not 91: an ISO 7816 card that does not speak DESFire native commands).
core::Result<NativeResponse> unwrap_native(ByteView apdu_response);

}  // namespace gw::dev::nfc::desfire
