#pragma once
// The site's DESFire read master key (campus-card-v1), read from the file named by a libnfc
// device's `desfire_key_file`: 32 hex digits (an optional trailing newline is allowed), in a
// regular file with no permission bits for group or others (mode 0600 or 0400). The key is
// never logged; errors name the file and what is wrong with it, never its content.
// Blocking file I/O: call at startup. Thread-safe.
#include <string>
#include <string_view>

#include "bytes.hpp"
#include "gateway/core/result.hpp"

namespace gw::dev::nfc::desfire {

/// Errors: a system error (open/read, with the path), DesfireErrc::BadKeyFile (insecure
/// mode, not a regular file, or not 32 hex digits) with the path and the reason.
core::Result<AesKey> load_master_key(const std::string& path);

/// The key from the file's text. Errors: DesfireErrc::BadKeyFile.
core::Result<AesKey> parse_master_key(std::string_view text);

}  // namespace gw::dev::nfc::desfire
