#pragma once
// The CWT claims of a CEID1 credential (eid-qr-v1 §3), read into a Ceid1Token. Internal to
// decode_ceid1(); pure; thread-safe.
#include <string_view>

#include "ceid1_token.hpp"

namespace gw::core::qr {

/// Reads the claims map: 1, 2, 4, 5, 6, 7, 8 and "typ" are required with their types;
/// "tname" (default: typ) and "sch" optional; unknown claims ignored. False = malformed.
bool read_ceid1_claims(std::string_view payload, Ceid1Token& tok);

}  // namespace gw::core::qr
