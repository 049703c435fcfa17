#pragma once
// Lists of strings stored in one TEXT column, joined with U+001F (unit separator). The
// e-ID parser refuses control characters in the joined values, so the split is exact.
// An empty list is the empty string (a list holding one empty string is not stored).
#include <string>
#include <vector>

namespace gw::adp::store {

inline constexpr char kListSep = '\x1f';

inline std::string join_list(const std::vector<std::string>& items) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) {
        if (i) out += kListSep;
        out += items[i];
    }
    return out;
}

inline std::vector<std::string> split_list(const std::string& s) {
    std::vector<std::string> out;
    if (s.empty()) return out;
    size_t start = 0;
    for (;;) {
        const size_t end = s.find(kListSep, start);
        if (end == std::string::npos) {
            out.push_back(s.substr(start));
            return out;
        }
        out.push_back(s.substr(start, end - start));
        start = end + 1;
    }
}

}  // namespace gw::adp::store
