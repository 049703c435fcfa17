#include "hik_event.hpp"

#include <charconv>
#include <nlohmann/json.hpp>

#include "multipart.hpp"

namespace gw::dev::face {

namespace {

using json = nlohmann::json;

// Minor codes of major 5 (HCNetSDK MINOR_*): which passes and refusals are credential events.
bool face_minor(int m) { return m == 0x4B || m == 0x4D || m == 0x3C || m == 0x4C || m == 0x50; }
bool face_failed_minor(int m) { return m == 0x4C || m == 0x50; }
bool card_minor(int m) { return m == 0x01 || m == 0x02 || (m >= 0x06 && m <= 0x09); }

int int_field(const json& o, const char* key) {
    auto it = o.find(key);
    if (it == o.end() || !it->is_number_integer()) return 0;
    const auto v = it->get<int64_t>();
    return v < 0 || v > 0xFFFF ? 0 : static_cast<int>(v);
}

std::string text_field(const json& o, const char* key) {
    auto it = o.find(key);
    if (it == o.end()) return {};
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_unsigned()) return std::to_string(it->get<uint64_t>());
    return {};
}

std::optional<double> similarity(const json& o) {
    for (const char* key : {"similarity", "faceSimilarity", "score"}) {
        auto it = o.find(key);
        if (it == o.end() || !it->is_number()) continue;
        double v = it->get<double>();
        if (v > 1.0 && v <= 100.0) v /= 100.0;  // some firmware reports percent
        if (v >= 0.0 && v <= 1.0) return v;
    }
    return std::nullopt;
}

HikEventResult refuse(std::string why) { return {std::nullopt, std::move(why)}; }

HikEvent classify(const json& ace) {
    HikEvent e;
    e.major = int_field(ace, "majorEventType");
    e.minor = int_field(ace, "subEventType");
    e.employee_no = text_field(ace, "employeeNoString");
    if (e.employee_no.empty()) e.employee_no = text_field(ace, "employeeNo");
    e.card_no = text_field(ace, "cardNo");
    e.similarity = similarity(ace);
    if (auto it = ace.find("serialNo"); it != ace.end() && it->is_number_unsigned())
        e.serial_no = it->get<uint64_t>();
    if (auto it = ace.find("remoteCheck"); it != ace.end() && it->is_boolean())
        e.remote_check = it->get<bool>();
    if (e.major != 5) return e;
    if (face_minor(e.minor))
        e.kind = face_failed_minor(e.minor) || e.employee_no.empty() ? HikEventKind::FaceFailed
                                                                     : HikEventKind::Face;
    else if (card_minor(e.minor) && !e.card_no.empty())
        e.kind = HikEventKind::Card;
    return e;
}

}  // namespace

HikEventResult parse_hik_event_json(std::string_view text) {
    json doc = json::parse(text.begin(), text.end(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) return refuse("event is not a JSON object");
    auto ace = doc.find("AccessControllerEvent");
    if (ace == doc.end()) {
        // Heartbeats and other event types are valid pushes without a credential.
        if (doc.contains("eventType")) return {HikEvent{}, {}};
        return refuse("no eventType and no AccessControllerEvent");
    }
    if (!ace->is_object()) return refuse("AccessControllerEvent is not an object");
    auto e = classify(*ace);
    // The answer is keyed by serialNo: a question without one cannot be answered.
    if (e.remote_check && !e.serial_no) return refuse("remote check without a serial number");
    return {std::move(e), {}};
}

HikEventResult parse_hik_push(std::string_view content_type, std::string_view body) {
    const auto media = content_type.substr(0, content_type.find(';'));
    if (media.find("json") != std::string_view::npos) return parse_hik_event_json(body);
    auto boundary = multipart_boundary(content_type);
    if (!boundary) return refuse("content type is neither multipart nor JSON");
    auto mp = parse_multipart(body, *boundary);
    if (!mp.error.empty()) return refuse("multipart: " + mp.error);
    for (const auto& part : mp.parts) {
        // Dispatch on content: the JSON part's name varies by firmware.
        const bool json_type = part.content_type.find("json") != std::string_view::npos;
        const auto first = part.body.find_first_not_of(" \t\r\n");
        if (json_type || (first != std::string_view::npos && part.body[first] == '{'))
            return parse_hik_event_json(part.body);
    }
    return refuse("multipart body without a JSON part");
}

std::string remote_check_answer(uint64_t serial_no, bool success, std::string_view info) {
    constexpr size_t kMaxInfo = 32;  // terminals show it on a small screen
    json rc = {{"serialNo", serial_no},
               {"checkResult", success ? "success" : "failed"},
               {"info", std::string(info.substr(0, kMaxInfo))}};
    return json{{"RemoteCheck", rc}}.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<std::string> card_uid_from_number(std::string_view card_no, bool decimal) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    if (card_no.empty() || card_no.size() > 20) return std::nullopt;
    if (decimal) {
        uint64_t v = 0;
        auto [end, ec] = std::from_chars(card_no.data(), card_no.data() + card_no.size(), v);
        if (ec != std::errc() || end != card_no.data() + card_no.size()) return std::nullopt;
        if (v == 0 || v > 0x00FFFFFFFFFFFFFFull) return std::nullopt;
        const int digits = v <= 0xFFFFFFFFull ? 8 : 14;
        std::string out(static_cast<size_t>(digits), '0');
        for (int i = digits - 1; i >= 0; --i, v >>= 4) out[static_cast<size_t>(i)] = kHex[v & 0xF];
        return out;
    }
    if (card_no.size() % 2 != 0 || card_no.size() < 8) return std::nullopt;
    std::string out;
    for (char c : card_no) {
        const char u = (c >= 'a' && c <= 'f') ? static_cast<char>(c - 32) : c;
        if (!((u >= '0' && u <= '9') || (u >= 'A' && u <= 'F'))) return std::nullopt;
        out.push_back(u);
    }
    return out;
}

}  // namespace gw::dev::face
