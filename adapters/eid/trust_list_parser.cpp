#include "trust_list_parser.hpp"

#include <optional>
#include <string>

#include "json_fields.hpp"
#include "rfc3339.hpp"

namespace gw::adp::eid {
namespace {

constexpr size_t kMaxSpkiChars = 1024;  // a P-256 SPKI is 91 bytes (124 base64 chars)

core::Error list_error(const std::string& what) {
    return core::make_error(std::errc::bad_message, "trust list: " + what);
}

bool base64url_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_';
}

bool base64_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '+' || c == '/';
}

/// 8 bytes in unpadded base64url are exactly 11 characters.
bool valid_kid(std::string_view s) {
    if (s.size() != 11) return false;
    for (char c : s)
        if (!base64url_char(c)) return false;
    return true;
}

bool valid_spki(std::string_view s) {
    if (s.empty() || s.size() > kMaxSpkiChars || s.size() % 4 != 0) return false;
    size_t pad = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '=') {
            if (i + 2 < s.size()) return false;
            ++pad;
        } else if (pad > 0 || !base64_char(s[i])) {
            return false;
        }
    }
    return true;
}

std::optional<core::SysTime> read_time(const Json& j, std::string_view key) {
    std::string s;
    if (read_string(j, key, s) != Field::Ok) return std::nullopt;
    return parse_rfc3339(s);
}

std::optional<core::TrustKey> parse_key(const Json& j) {
    if (!j.is_object()) return std::nullopt;
    core::TrustKey k;
    if (read_string(j, "kid", k.kid) != Field::Ok || !valid_kid(k.kid)) return std::nullopt;
    if (read_string(j, "alg", k.alg) != Field::Ok || k.alg != "ES256") return std::nullopt;
    if (read_string(j, "spki", k.spki) != Field::Ok || !valid_spki(k.spki)) return std::nullopt;
    auto nb = read_time(j, "not_before");
    auto na = read_time(j, "not_after");
    if (!nb || !na || !(*nb < *na)) return std::nullopt;
    k.not_before = *nb;
    k.not_after = *na;
    return k;
}

}  // namespace

core::Result<core::TrustList> parse_trust_list(std::string_view json) {
    Json j = Json::parse(json.begin(), json.end(), nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return list_error("not valid JSON");
    if (!j.is_object()) return list_error("not a JSON object");
    const Json* v = member(j, "version");
    if (!v || !v->is_number_integer() || v->get<int64_t>() < 1)
        return list_error("\"version\" must be an integer >= 1");
    const Json* keys = nullptr;
    if (read_array(j, "keys", keys) != Field::Ok) return list_error("\"keys\" must be an array");
    core::TrustList list;
    list.version = v->get<int64_t>();
    for (const auto& kj : *keys) {
        if (auto k = parse_key(kj)) list.keys.push_back(std::move(*k));
        else ++list.rejected;
    }
    return list;
}

}  // namespace gw::adp::eid
