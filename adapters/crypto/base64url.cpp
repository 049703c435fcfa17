#include "base64url.hpp"

namespace gw::adp::crypto {

namespace {

constexpr char kUrlAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr char kStdAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string encode(std::span<const uint8_t> bytes, const char* alphabet) {
    std::string out;
    out.reserve((bytes.size() * 4 + 2) / 3);
    size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const uint32_t v =
            (uint32_t{bytes[i]} << 16) | (uint32_t{bytes[i + 1]} << 8) | uint32_t{bytes[i + 2]};
        out += alphabet[(v >> 18) & 0x3f];
        out += alphabet[(v >> 12) & 0x3f];
        out += alphabet[(v >> 6) & 0x3f];
        out += alphabet[v & 0x3f];
    }
    const size_t rest = bytes.size() - i;
    if (rest == 1) {
        const uint32_t v = uint32_t{bytes[i]} << 16;
        out += alphabet[(v >> 18) & 0x3f];
        out += alphabet[(v >> 12) & 0x3f];
    } else if (rest == 2) {
        const uint32_t v = (uint32_t{bytes[i]} << 16) | (uint32_t{bytes[i + 1]} << 8);
        out += alphabet[(v >> 18) & 0x3f];
        out += alphabet[(v >> 12) & 0x3f];
        out += alphabet[(v >> 6) & 0x3f];
    }
    return out;
}

}  // namespace

std::string base64url_encode(std::span<const uint8_t> bytes) {
    return encode(bytes, kUrlAlphabet);
}

std::string base64_encode(std::span<const uint8_t> bytes) {
    std::string out = encode(bytes, kStdAlphabet);
    out.append((4 - out.size() % 4) % 4, '=');
    return out;
}

}  // namespace gw::adp::crypto
