#include "reader_payload.hpp"

#include <nlohmann/json.hpp>

namespace gw::dev::mqtt_reader {

namespace {

constexpr size_t kMaxPayload = 1024;

std::optional<core::Direction> parse_direction(const nlohmann::json& j) {
    auto it = j.find("direction");
    if (it == j.end() || !it->is_string()) return std::nullopt;
    const auto& s = it->get_ref<const std::string&>();
    if (s == "in") return core::Direction::In;
    if (s == "out") return core::Direction::Out;
    return std::nullopt;
}

const nlohmann::json* find_uid(const nlohmann::json& j) {
    for (const char* k : {"uid", "UID"}) {
        auto it = j.find(k);
        if (it != j.end()) return &*it;
    }
    auto pn = j.find("PN532");
    if (pn != j.end() && pn->is_object()) return find_uid(*pn);
    return nullptr;
}

ReaderPayloadResult from_json(std::string_view payload) {
    auto j = nlohmann::json::parse(payload, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) return {std::nullopt, "not a JSON object"};
    const nlohmann::json* uid = find_uid(j);
    if (!uid || !uid->is_string()) return {std::nullopt, "no \"uid\" string"};
    auto norm = normalise_uid(uid->get_ref<const std::string&>());
    if (!norm) return {std::nullopt, "uid is not 4..10 bytes of hex"};
    return {ReaderTap{*norm, parse_direction(j)}, {}};
}

}  // namespace

std::optional<std::string> normalise_uid(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == ':' || c == '-' || c == ' ') continue;
        if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
        const bool hex = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
        if (!hex) return std::nullopt;
        out.push_back(c);
    }
    if (out.size() % 2 != 0 || out.size() < 8 || out.size() > 20) return std::nullopt;
    return out;
}

ReaderPayloadResult parse_reader_payload(std::string_view payload) {
    if (payload.size() > kMaxPayload) return {std::nullopt, "payload too long"};
    size_t b = payload.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {std::nullopt, "empty payload"};
    size_t e = payload.find_last_not_of(" \t\r\n");
    payload = payload.substr(b, e - b + 1);
    if (payload.front() == '{') return from_json(payload);
    auto norm = normalise_uid(payload);
    if (!norm) return {std::nullopt, "not a hex UID of 4..10 bytes"};
    return {ReaderTap{*norm, std::nullopt}, {}};
}

}  // namespace gw::dev::mqtt_reader
