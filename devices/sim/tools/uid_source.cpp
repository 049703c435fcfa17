#include "uid_source.hpp"

namespace gw::dev::sim::tools {

namespace {

constexpr uint64_t kMask48 = (uint64_t{1} << 48) - 1;

uint64_t splitmix64(uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

// Every step is invertible on 48-bit words (xor with a right shift; multiplication by an odd
// constant modulo 2^48), so the whole function is a permutation of [0, 2^48).
uint64_t permute48(uint64_t x) {
    x &= kMask48;
    x ^= x >> 23;
    x = (x * 0x9E3779B97F4BULL) & kMask48;
    x ^= x >> 21;
    x = (x * 0xBF58476D1CE5ULL) & kMask48;
    x ^= x >> 25;
    return x;
}

}  // namespace

UidSource::UidSource(uint64_t seed) : key_(splitmix64(seed) & kMask48) {}

std::string UidSource::uid(uint64_t n) const {
    static constexpr char kHex[] = "0123456789ABCDEF";
    const uint64_t v = (uint64_t{0x04} << 48) | permute48(permute48(n ^ key_) ^ key_);
    std::string out(14, '0');
    for (int i = 13; i >= 0; --i) out[static_cast<size_t>(i)] = kHex[(v >> (4 * (13 - i))) & 0xF];
    return out;
}

uint64_t mix_hash(uint64_t seed, uint64_t index, uint64_t salt) {
    return splitmix64(splitmix64(seed ^ (salt * 0xD1B54A32D192ED03ULL)) + index);
}

}  // namespace gw::dev::sim::tools
