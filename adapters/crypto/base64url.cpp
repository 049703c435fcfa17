#include "base64url.hpp"

namespace gw::adp::crypto {

std::string base64url_encode(std::span<const uint8_t> bytes) {
    static constexpr char kAlphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    out.reserve((bytes.size() * 4 + 2) / 3);
    size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const uint32_t v = (uint32_t{bytes[i]} << 16) | (uint32_t{bytes[i + 1]} << 8) |
                           uint32_t{bytes[i + 2]};
        out += kAlphabet[(v >> 18) & 0x3f];
        out += kAlphabet[(v >> 12) & 0x3f];
        out += kAlphabet[(v >> 6) & 0x3f];
        out += kAlphabet[v & 0x3f];
    }
    const size_t rest = bytes.size() - i;
    if (rest == 1) {
        const uint32_t v = uint32_t{bytes[i]} << 16;
        out += kAlphabet[(v >> 18) & 0x3f];
        out += kAlphabet[(v >> 12) & 0x3f];
    } else if (rest == 2) {
        const uint32_t v = (uint32_t{bytes[i]} << 16) | (uint32_t{bytes[i + 1]} << 8);
        out += kAlphabet[(v >> 18) & 0x3f];
        out += kAlphabet[(v >> 12) & 0x3f];
        out += kAlphabet[(v >> 6) & 0x3f];
    }
    return out;
}

}  // namespace gw::adp::crypto
