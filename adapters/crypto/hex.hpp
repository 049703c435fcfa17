#pragma once
// Hex encoding of byte strings. Pure functions; thread-safe.
#include <cstdint>
#include <span>
#include <string>

namespace gw::adp::crypto {

/// Lower-case hex, two digits per byte, no separators.
std::string hex_encode(std::span<const uint8_t> bytes);

}  // namespace gw::adp::crypto
