#pragma once
// GatewaySecret: the per-gateway 32-byte key behind HmacHasher, kept in
// `state_dir/identity.key`.
//
// First start: 32 bytes from the OpenSSL CSPRNG are written to a temporary file created
// with mode 0600, fsync'ed, renamed into place without replacing an existing key, and the
// directory is fsync'ed, so a crash never leaves a short or empty key behind.
// Later starts: the file must be a regular file of exactly 32 bytes with no permission
// bits for group or others; anything else is refused (the daemon must not silently derive
// new uid keys, which would make every stored card unknown, nor use a key others can read).
// Blocking file I/O; call at startup. Thread-safe (no shared state).
#include <array>
#include <cstdint>
#include <string>

#include "gateway/core/result.hpp"

namespace gw::adp::crypto {

class GatewaySecret {
public:
    static constexpr size_t kSize = 32;
    static constexpr const char* kFileName = "identity.key";

    /// Errors: CryptoErrc (wrong size, insecure permissions, not a file, RNG failure) or a
    /// system error (errno) with the path as context.
    static core::Result<std::array<uint8_t, kSize>> load_or_create(const std::string& state_dir);
};

}  // namespace gw::adp::crypto
