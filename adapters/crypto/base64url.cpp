#include "base64url.hpp"

#include <algorithm>

namespace gw::adp::crypto {

namespace {

std::string encode(std::span<const uint8_t> bytes, const char* alphabet, bool pad) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (size_t i = 0; i < bytes.size(); i += 3) {
        const size_t n = std::min<size_t>(3, bytes.size() - i);
        uint32_t v = uint32_t{bytes[i]} << 16;
        if (n > 1) v |= uint32_t{bytes[i + 1]} << 8;
        if (n > 2) v |= uint32_t{bytes[i + 2]};
        for (size_t k = 0; k < n + 1; ++k) out += alphabet[(v >> (18 - 6 * k)) & 0x3f];
        if (pad) out.append(3 - n, '=');
    }
    return out;
}

}  // namespace

std::string base64url_encode(std::span<const uint8_t> bytes) {
    return encode(bytes, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", false);
}

std::string base64_encode(std::span<const uint8_t> bytes) {
    return encode(bytes, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", true);
}

}  // namespace gw::adp::crypto
