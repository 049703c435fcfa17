#include "arg_list.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace gw::dev::sim::tools {

namespace {

uint64_t to_count(const std::string& name, const std::string& text) {
    uint64_t v = 0;
    const auto* end = text.data() + text.size();
    auto [p, ec] = std::from_chars(text.data(), end, v);
    if (ec != std::errc() || p != end || text.empty())
        throw std::invalid_argument("--" + name + ": expected a non-negative integer, got '" +
                                    text + "'");
    return v;
}

}  // namespace

ArgList::ArgList(int argc, char** argv, int first, const std::vector<std::string>& flags) {
    for (int i = first; i < argc; ++i) {
        std::string tok = argv[i];
        if (tok.rfind("--", 0) != 0 || tok.size() < 3)
            throw std::invalid_argument("unexpected argument '" + tok + "'");
        std::string name = tok.substr(2);
        if (std::find(flags.begin(), flags.end(), name) != flags.end()) {
            values_[name] = "1";
            continue;
        }
        if (i + 1 >= argc) throw std::invalid_argument("--" + name + " needs a value");
        values_[name] = argv[++i];
    }
}

bool ArgList::has(const std::string& name) const {
    return values_.count(name) > 0;
}

std::string ArgList::str(const std::string& name) const {
    auto it = values_.find(name);
    if (it == values_.end()) throw std::invalid_argument("--" + name + " is required");
    return it->second;
}

std::string ArgList::str(const std::string& name, const std::string& def) const {
    auto it = values_.find(name);
    return it == values_.end() ? def : it->second;
}

uint64_t ArgList::count(const std::string& name) const {
    return to_count(name, str(name));
}

uint64_t ArgList::count(const std::string& name, uint64_t def) const {
    return has(name) ? count(name) : def;
}

std::chrono::milliseconds ArgList::duration(const std::string& name,
                                            std::chrono::milliseconds def) const {
    if (!has(name)) return def;
    try {
        return parse_duration(str(name));
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument("--" + name + ": " + e.what());
    }
}

void ArgList::only(const std::vector<std::string>& known) const {
    for (const auto& [name, value] : values_)
        if (std::find(known.begin(), known.end(), name) == known.end())
            throw std::invalid_argument("unknown option --" + name);
}

std::chrono::milliseconds parse_duration(const std::string& text) {
    struct Unit {
        const char* suffix;
        int64_t ms;
    };
    static constexpr Unit kUnits[] = {{"ms", 1}, {"s", 1000}, {"m", 60'000}, {"h", 3'600'000}};
    for (const auto& u : kUnits) {
        const std::string suffix = u.suffix;
        if (text.size() <= suffix.size() ||
            text.compare(text.size() - suffix.size(), suffix.size(), suffix) != 0)
            continue;
        const std::string num = text.substr(0, text.size() - suffix.size());
        if (num.find_first_not_of("0123456789") != std::string::npos) break;
        return std::chrono::milliseconds(static_cast<int64_t>(to_count("", num)) * u.ms);
    }
    throw std::invalid_argument("expected a duration like 250ms, 30s, 5m, got '" + text + "'");
}

}  // namespace gw::dev::sim::tools
