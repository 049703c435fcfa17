#pragma once
// DriverSchema: the keys each device driver accepts, with their types, defaults and checks.
// One table for every driver config-v1 knows (including drivers not built into this binary:
// the config is validated the same everywhere; the composition root reports a driver that
// is not available). Adding a driver or a key = adding a row.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/config/config.hpp"

namespace gw::config::detail {

enum class ValueType { String, Int, Float, Bool, StringList, Duration };

/// Extra check of a string (or of each string in a list): "" when fine, else what is wrong.
using TextCheck = std::string (*)(std::string_view value);
/// Extra check of an integer: "" when fine, else what is wrong.
using IntCheck = std::string (*)(int64_t value);

struct DriverKey {
    std::string_view key;
    ValueType type = ValueType::String;
    bool required = false;
    std::optional<DeviceValue> fallback{};     // stored in settings when the key is absent
    double lo = 0, hi = 0;                     // range of Int/Float, of Duration in ms; lo == hi: none
    std::span<const std::string_view> choices{};// allowed String values; empty: any
    TextCheck text_check = nullptr;
    IntCheck int_check = nullptr;
    bool upper = false;                        // String/StringList stored upper-cased
};

struct DriverSchema {
    std::string_view driver;
    bool reads = false;  // presents credentials: may be named by a point's `device`
    bool opens = false;  // opens a door: may be named by a point's `door`
    std::vector<DriverKey> keys;
};

const std::vector<DriverSchema>& driver_schemas();
const DriverSchema* find_driver(std::string_view name);

/// A device setting `if_key` (to `if_value`, when not empty) must also set `then_key`.
struct KeyDependency {
    std::string_view if_key;
    std::string_view if_value;  // empty: any value
    std::string_view then_key;
    std::string_view why;       // what `then_key` is for, shown in the error
};
std::span<const KeyDependency> driver_key_dependencies();

}  // namespace gw::config::detail
