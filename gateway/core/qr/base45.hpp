#pragma once
// Base45 (RFC 9285), the alphabet QR codes carry in alphanumeric mode. Pure; thread-safe.
#include <optional>
#include <string>
#include <string_view>

namespace gw::core::qr {

/// Strict decoding (RFC 9285 §4.2): a character outside the 45-character alphabet, a
/// dangling single character, or a group whose value exceeds 65535 (255 for a final pair)
/// gives nullopt.
std::optional<std::string> base45_decode(std::string_view text);

/// Encoding: 3 characters per 2 bytes, 2 characters for a final odd byte.
std::string base45_encode(std::string_view bytes);

}  // namespace gw::core::qr
