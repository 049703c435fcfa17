#pragma once
// The fields of an mqtt-v1 §2 access event that the sim tools show and count, read from the
// event's JSON. Never holds a raw UID (events do not carry one).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gw::dev::sim::tools {

struct AccessEventView {
    std::string time;  // as published, e.g. "2026-11-23T07:41:05.212+08:00"
    std::string point;
    std::string zone_kind;
    std::string person;  // empty when the credential was unknown
    std::string role;
    std::string decision;  // "allow" | "deny"
    std::string reason;
    std::vector<std::string> flags;
    std::string meal;        // "lunch #1" or empty
    std::string attendance;  // "s-… present" or empty
    std::string venue;       // "美 310104-0031" or empty
    int64_t latency_us = -1;

    bool allowed() const { return decision == "allow"; }
    bool has_flag(std::string_view f) const;

    /// nullopt when the payload is not a JSON object with at least decision and reason.
    static std::optional<AccessEventView> parse(std::string_view payload);
};

}  // namespace gw::dev::sim::tools
