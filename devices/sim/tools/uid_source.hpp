#pragma once
// Deterministic synthetic card UIDs: 7-byte NXP-style UIDs (first byte 0x04), upper-case hex.
// uid(n) is a bijection of the serial number n (below 2^48) for a given seed, so distinct
// serials always give distinct UIDs — no set of issued UIDs has to be kept. Stateless and
// thread-safe.
#include <cstdint>
#include <string>

namespace gw::dev::sim::tools {

class UidSource {
public:
    explicit UidSource(uint64_t seed);

    /// The UID for serial number `n` (n < 2^48), e.g. "04A1B2C3D4E5F6".
    std::string uid(uint64_t n) const;

private:
    uint64_t key_;
};

/// A well-mixed 64-bit value for (seed, index, salt); the roster's source of randomness.
uint64_t mix_hash(uint64_t seed, uint64_t index, uint64_t salt);

}  // namespace gw::dev::sim::tools
