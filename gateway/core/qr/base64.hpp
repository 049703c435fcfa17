#pragma once
// Small strict Base64 decoders for the trust list's `kid` (unpadded base64url) and `spki`
// (standard base64, padded). Kept in core so issuer keys need no adapter. Pure; thread-safe.
#include <optional>
#include <string>
#include <string_view>

namespace gw::core::qr {

/// RFC 4648 §4 with `=` padding to a multiple of 4; nullopt on any other character or
/// bad padding.
std::optional<std::string> base64_decode(std::string_view text);

/// RFC 4648 §5 without padding; nullopt on any other character or an impossible length.
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace gw::core::qr
