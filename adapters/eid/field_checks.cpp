#include "field_checks.hpp"

#include <algorithm>

namespace gw::adp::eid {

bool printable(std::string_view s) {
    return std::none_of(s.begin(), s.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7f;
    });
}

bool valid_id(std::string_view s) {
    return !s.empty() && s.size() <= kMaxIdBytes && printable(s);
}

bool valid_name(std::string_view s) {
    return !s.empty() && s.size() <= kMaxNameBytes && printable(s);
}

std::optional<std::string> normalise_uid(std::string_view s) {
    if (s.size() < 8 || s.size() > 32 || s.size() % 2 != 0) return std::nullopt;
    std::string out(s);
    for (char& c : out) {
        if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
        else if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) return std::nullopt;
    }
    return out;
}

}  // namespace gw::adp::eid
