#include "zk_records.hpp"

#include <charconv>

namespace gw::dev::face {

namespace {

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    size_t start = 0;
    while (true) {
        const auto p = s.find(sep, start);
        out.push_back(s.substr(start, p == std::string_view::npos ? p : p - start));
        if (p == std::string_view::npos) return out;
        start = p + 1;
    }
}

std::optional<int> small_int(std::string_view s) {
    int v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || v < -100000 || v > 100000)
        return std::nullopt;
    return v;
}

bool digits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

/// "YYYY-MM-DD HH:MM:SS" with plausible field ranges.
bool valid_time(std::string_view t) {
    if (t.size() != 19 || t[4] != '-' || t[7] != '-' || t[10] != ' ' || t[13] != ':' ||
        t[16] != ':')
        return false;
    for (size_t i : {0u, 5u, 8u, 11u, 14u, 17u})
        if (!digits(t.substr(i, i == 0 ? 4 : 2))) return false;
    auto num = [&](size_t i) { return (t[i] - '0') * 10 + (t[i + 1] - '0'); };
    return num(5) >= 1 && num(5) <= 12 && num(8) >= 1 && num(8) <= 31 && num(11) <= 23 &&
           num(14) <= 59 && num(17) <= 59;
}

/// Calls `fn(line_no, line)` for every non-empty line; counts them.
template <class Fn>
void each_line(std::string_view body, size_t max_lines, ZkParseResult& r, Fn fn) {
    size_t no = 0;
    for (auto line : split(body, '\n')) {
        ++no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty()) continue;
        if (++r.lines > max_lines) {
            r.errors.push_back("too many lines");
            return;
        }
        if (auto why = fn(line); !why.empty())
            r.errors.push_back("line " + std::to_string(no) + ": " + why);
    }
}

std::string attlog_line(std::string_view line, ZkParseResult& r) {
    const auto f = split(line, '\t');
    if (f.size() < 4) return "expected at least 4 tab-separated fields";
    ZkRecord rec;
    if (!valid_pin(f[0])) return "bad PIN";
    if (!valid_time(f[1])) return "bad time";
    auto status = small_int(f[2]);
    auto verify = small_int(f[3]);
    if (!status || !verify) return "bad status or verify code";
    rec.pin = std::string(f[0]);
    rec.time = std::string(f[1]);
    rec.in_out = *status;
    rec.verify = zk_verify_from_code(*verify);
    r.records.push_back(std::move(rec));
    return {};
}

std::string rtlog_line(std::string_view line, ZkParseResult& r) {
    ZkRecord rec;
    std::optional<int> event, verify, inout;
    for (auto field : split(line, '\t')) {
        const auto eq = field.find('=');
        if (eq == std::string_view::npos) return "field without '='";
        const auto key = field.substr(0, eq);
        const auto value = field.substr(eq + 1);
        if (key == "pin") rec.pin = std::string(value);
        else if (key == "time") rec.time = std::string(value);
        else if (key == "event") event = small_int(value);
        else if (key == "verifytype") verify = small_int(value);
        else if (key == "inoutstatus") inout = small_int(value);
    }
    if (!event) return "no event code";
    if (!valid_time(rec.time)) return "bad time";
    if (!rec.pin.empty() && rec.pin != "0" && !valid_pin(rec.pin)) return "bad PIN";
    if (rec.pin == "0") rec.pin.clear();  // no person (door events, unknown faces)
    rec.pass = *event == 0;
    rec.verify = zk_verify_from_code(verify.value_or(-1));
    rec.in_out = inout.value_or(0);
    r.records.push_back(std::move(rec));
    return {};
}

}  // namespace

bool valid_pin(std::string_view pin) {
    if (pin.empty() || pin.size() > 32) return false;
    for (char c : pin)
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-'))
            return false;
    return true;
}

ZkVerify zk_verify_from_code(int code) {
    switch (code) {
    case 0: return ZkVerify::Password;
    case 1: return ZkVerify::Fingerprint;
    case 2:
    case 4: return ZkVerify::Card;
    case 15: return ZkVerify::Face;
    default: return ZkVerify::Other;
    }
}

std::string_view to_string(ZkVerify v) {
    switch (v) {
    case ZkVerify::Password: return "password";
    case ZkVerify::Fingerprint: return "fingerprint";
    case ZkVerify::Card: return "card";
    case ZkVerify::Face: return "face";
    case ZkVerify::Other: return "other";
    }
    return "other";
}

ZkParseResult parse_attlog(std::string_view body, size_t max_lines) {
    ZkParseResult r;
    each_line(body, max_lines, r, [&](std::string_view l) { return attlog_line(l, r); });
    return r;
}

ZkParseResult parse_rtlog(std::string_view body, size_t max_lines) {
    ZkParseResult r;
    each_line(body, max_lines, r, [&](std::string_view l) { return rtlog_line(l, r); });
    return r;
}

std::vector<ZkCommandResult> parse_devicecmd(std::string_view body, size_t max_lines) {
    std::vector<ZkCommandResult> out;
    for (auto line : split(body, '\n')) {
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty()) continue;
        if (out.size() == max_lines) break;
        ZkCommandResult res;
        std::optional<int> code;
        for (auto kv : split(line, '&')) {
            const auto eq = kv.find('=');
            if (eq == std::string_view::npos) continue;
            const auto key = kv.substr(0, eq);
            const auto value = kv.substr(eq + 1);
            if (key == "ID") res.id = std::string(value);
            else if (key == "Return") code = small_int(value);
            else if (key == "CMD") res.cmd = std::string(value);
        }
        if (res.id.empty() || !code) continue;
        res.code = *code;
        out.push_back(std::move(res));
    }
    return out;
}

}  // namespace gw::dev::face
