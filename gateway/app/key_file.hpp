#pragma once
// Reads a 32-byte symmetric key from a file named in the config: 64 hex digits (a trailing
// newline is allowed), in a regular file without permission bits for group or others
// (mode 0600 or 0400). Errors name the file and what is wrong, never the content.
// Blocking file I/O: call at startup.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "gateway/core/result.hpp"

namespace gw::app {

using Key32 = std::array<uint8_t, 32>;

core::Result<Key32> read_key_file(const std::string& path);

/// The key from the file's text (64 hex digits, optional trailing newline).
core::Result<Key32> parse_key_text(std::string_view text);

}  // namespace gw::app
