#include "address_allowlist.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <optional>

namespace gw::dev::face {

namespace {

/// 16 bytes: IPv6 as is, IPv4 as ::ffff:a.b.c.d. The second value: true for IPv4.
std::optional<std::pair<std::array<unsigned char, 16>, bool>> parse_ip(std::string_view text) {
    std::array<unsigned char, 16> b{};
    const std::string s(text);
    if (inet_pton(AF_INET6, s.c_str(), b.data()) == 1) return std::pair{b, false};
    unsigned char v4[4];
    if (inet_pton(AF_INET, s.c_str(), v4) != 1) return std::nullopt;
    b[10] = b[11] = 0xFF;
    for (int i = 0; i < 4; ++i) b[static_cast<size_t>(12 + i)] = v4[i];
    return std::pair{b, true};
}

}  // namespace

AddressAllowlist::AddressAllowlist(const std::vector<std::string>& entries) {
    for (const auto& e : entries) {
        const auto slash = e.find('/');
        auto ip = parse_ip(std::string_view(e).substr(0, slash));
        if (!ip) continue;
        Net n;
        n.bytes = ip->first;
        if (slash != std::string::npos) {
            int bits = -1;
            auto [end, ec] = std::from_chars(e.data() + slash + 1, e.data() + e.size(), bits);
            if (ec != std::errc() || end != e.data() + e.size()) continue;
            n.prefix = ip->second ? 96 + bits : bits;
            if (bits < 0 || n.prefix > 128) continue;
        }
        nets_.push_back(n);
    }
}

bool AddressAllowlist::allows(std::string_view address) const {
    auto ip = parse_ip(address);
    if (!ip) return false;
    for (const auto& n : nets_) {
        int bits = n.prefix;
        bool match = true;
        for (size_t i = 0; i < 16 && bits > 0 && match; ++i, bits -= 8) {
            const int take = bits >= 8 ? 8 : bits;
            const auto mask = static_cast<unsigned char>(0xFF << (8 - take));
            match = (ip->first[i] & mask) == (n.bytes[i] & mask);
        }
        if (match) return true;
    }
    return false;
}

}  // namespace gw::dev::face
