#include "base45.hpp"

#include <cstdint>

namespace gw::core::qr {

namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

int value_of(char c) {
    const auto pos = kAlphabet.find(c);
    return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

}  // namespace

std::optional<std::string> base45_decode(std::string_view text) {
    if (text.size() % 3 == 1) return std::nullopt;  // a dangling single character
    std::string out;
    out.reserve(text.size() / 3 * 2 + 1);
    for (size_t i = 0; i < text.size(); i += 3) {
        const size_t n = text.size() - i >= 3 ? 3 : 2;
        uint32_t v = 0;
        for (size_t k = n; k-- > 0;) {
            const int d = value_of(text[i + k]);
            if (d < 0) return std::nullopt;
            v = v * 45 + static_cast<uint32_t>(d);
        }
        if (n == 3) {
            if (v > 0xffff) return std::nullopt;
            out += static_cast<char>(v >> 8);
        } else if (v > 0xff) {
            return std::nullopt;
        }
        out += static_cast<char>(v & 0xff);
    }
    return out;
}

std::string base45_encode(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 1) / 2 * 3);
    for (size_t i = 0; i < bytes.size(); i += 2) {
        const bool pair = i + 1 < bytes.size();
        uint32_t v = static_cast<uint8_t>(bytes[i]);
        if (pair) v = (v << 8) | static_cast<uint8_t>(bytes[i + 1]);
        const int digits = pair ? 3 : 2;
        for (int k = 0; k < digits; ++k) {
            out += kAlphabet[v % 45];
            v /= 45;
        }
    }
    return out;
}

}  // namespace gw::core::qr
