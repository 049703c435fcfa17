#include "tap_plan.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace gw::dev::sim::tools {

namespace {

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::string cur;
    std::istringstream in(s);
    while (std::getline(in, cur, sep)) out.push_back(cur);
    if (!s.empty() && s.back() == sep) out.emplace_back();
    return out;
}

}  // namespace

Expectation Expectation::parse(const std::string& text) {
    Expectation e;
    if (text.empty()) return e;
    auto parts = split(text, '+');
    const auto& head = parts.front();
    const auto colon = head.find(':');
    e.decision = head.substr(0, colon);
    if (colon != std::string::npos) e.reason = head.substr(colon + 1);
    if (e.decision != "allow" && e.decision != "deny")
        throw std::invalid_argument("expect must start with allow or deny, got '" + text + "'");
    e.flags.assign(parts.begin() + 1, parts.end());
    return e;
}

std::string Expectation::to_string() const {
    std::string s = decision;
    if (!reason.empty()) s += ":" + reason;
    for (const auto& f : flags) s += "+" + f;
    return s;
}

std::string Expectation::mismatch(const AccessEventView& ev) const {
    if (empty()) return {};
    bool ok = ev.decision == decision && (reason.empty() || ev.reason == reason);
    for (const auto& f : flags) ok = ok && ev.has_flag(f);
    return ok ? std::string() : "expected " + to_string();
}

std::vector<Tap> load_tap_plan(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read plan " + path);
    std::vector<Tap> taps;
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line.front() == '#') continue;
        auto cols = split(line, '\t');
        if (cols.size() < 3 || cols.size() > 4 || cols[0].empty() || cols[1].empty())
            throw std::runtime_error(path + ":" + std::to_string(n) +
                                     ": expected reader_topic<TAB>uid<TAB>label[<TAB>expect]");
        try {
            taps.push_back(
                {cols[0], cols[1], cols[2], Expectation::parse(cols.size() == 4 ? cols[3] : "")});
        } catch (const std::invalid_argument& e) {
            throw std::runtime_error(path + ":" + std::to_string(n) + ": " + e.what());
        }
    }
    return taps;
}

}  // namespace gw::dev::sim::tools
