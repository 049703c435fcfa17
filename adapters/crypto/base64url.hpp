#pragma once
// Base64url (RFC 4648 §5) without padding, as used for tags and key ids; and standard
// Base64 (§4, padded), as the trust list carries SPKIs. Pure functions; thread-safe.
#include <cstdint>
#include <span>
#include <string>

namespace gw::adp::crypto {

/// Unpadded base64url: ceil(4n/3) characters from [A-Za-z0-9_-].
std::string base64url_encode(std::span<const uint8_t> bytes);

/// Standard padded Base64: 4 * ceil(n/3) characters from [A-Za-z0-9+/=].
std::string base64_encode(std::span<const uint8_t> bytes);

}  // namespace gw::adp::crypto
