#pragma once
// Port: keyed hashing of identifiers (HMAC-SHA-256 with the per-gateway secret).
// Implemented in adapters/crypto. Thread-safe; never blocks.
#include <string>
#include <string_view>

namespace gw::core {

class IdentityHasher {
public:
    virtual ~IdentityHasher() = default;
    /// Lookup key for a card UID (upper-case hex): 64 hex digits. Stored instead of the UID.
    virtual std::string uid_key(std::string_view uid) const = 0;
    /// Short public tag (8 chars, base64url of 6 bytes) for events and logs. Different
    /// derivation from uid_key, so a published tag does not reveal the lookup key.
    virtual std::string tag(std::string_view text) const = 0;
};

}  // namespace gw::core
