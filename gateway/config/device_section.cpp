// [[device]]: id and driver, then the driver's own keys checked against its DriverSchema
// row and stored typed in DeviceConfig::settings (defaults filled in), so drivers never
// parse strings.
#include <algorithm>
#include <cctype>
#include <limits>

#include "driver_schema.hpp"
#include "duration.hpp"
#include "key_rules.hpp"
#include "sections.hpp"

namespace gw::config::detail {

namespace {

using std::chrono::milliseconds;

std::string upper(std::string s) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

std::optional<std::string> read_text(const Field& f, const DriverKey& k) {
    std::string s;
    size_t i = 0;
    if (!k.choices.empty()) {
        if (!f.one_of(k.choices, i)) return std::nullopt;
        return std::string(k.choices[i]);
    }
    if (!f.nonempty(s)) return std::nullopt;
    if (k.text_check)
        if (std::string why = k.text_check(s); !why.empty()) {
            f.fail(why + ", got \"" + s + "\"");
            return std::nullopt;
        }
    return k.upper ? upper(std::move(s)) : s;
}

std::optional<DeviceValue> read_list(const Field& f, const DriverKey& k) {
    const toml::array* items = f.array();
    if (!items) return std::nullopt;
    std::vector<std::string> out;
    bool ok = true;
    for (size_t i = 0; i < items->size(); ++i) {
        auto s = read_text(f.element(*items, i), k);
        if (s) out.push_back(std::move(*s));
        ok = ok && s.has_value();
    }
    return ok ? std::optional<DeviceValue>(std::move(out)) : std::nullopt;
}

std::optional<DeviceValue> read_int(const Field& f, const DriverKey& k) {
    const bool ranged = k.lo < k.hi;
    int64_t v = 0;
    if (!f.integer(v, ranged ? static_cast<int64_t>(k.lo) : std::numeric_limits<int64_t>::min(),
                   ranged ? static_cast<int64_t>(k.hi) : std::numeric_limits<int64_t>::max()))
        return std::nullopt;
    if (k.int_check)
        if (std::string why = k.int_check(v); !why.empty()) {
            f.fail(why + ", got " + std::to_string(v));
            return std::nullopt;
        }
    return v;
}

std::optional<DeviceValue> read_setting(const Field& f, const DriverKey& k) {
    const bool ranged = k.lo < k.hi;
    switch (k.type) {
        case ValueType::String:
            if (auto s = read_text(f, k)) return DeviceValue(std::move(*s));
            return std::nullopt;
        case ValueType::StringList: return read_list(f, k);
        case ValueType::Int: return read_int(f, k);
        case ValueType::Bool:
            if (bool b = false; f.flag(b)) return b;
            return std::nullopt;
        case ValueType::Float:
            if (double d = 0; f.number(d, ranged ? k.lo : std::numeric_limits<double>::lowest(),
                                       ranged ? k.hi : std::numeric_limits<double>::max()))
                return d;
            return std::nullopt;
        case ValueType::Duration:
            if (milliseconds d{}; f.duration(d, milliseconds(static_cast<int64_t>(k.lo)),
                                             ranged ? milliseconds(static_cast<int64_t>(k.hi))
                                                    : kMaxDuration))
                return d;
            return std::nullopt;
    }
    return std::nullopt;
}

const DriverSchema* read_driver(const Field& f, DeviceConfig& d) {
    std::vector<std::string_view> names;
    for (const auto& s : driver_schemas()) names.push_back(s.driver);
    size_t i = 0;
    if (!f.one_of(names, i)) return nullptr;
    d.driver = std::string(names[i]);
    return &driver_schemas()[i];
}

void read_settings(const TableView& t, const DriverSchema& schema, DeviceConfig& d,
                   Diagnostics& diag) {
    std::vector<std::string_view> known{"id", "driver"};
    for (const auto& k : schema.keys) known.push_back(k.key);
    for (const Entry& e : t.entries) {
        if (e.key == "id" || e.key == "driver") continue;
        auto k = std::find_if(schema.keys.begin(), schema.keys.end(),
                              [&](const DriverKey& dk) { return dk.key == e.key; });
        if (k == schema.keys.end()) {
            report_unknown_key(t, e, known, diag);
            continue;
        }
        if (auto v = read_setting(Field(*e.value, t.key_path(e.key), diag), *k))
            d.settings[std::string(e.key)] = std::move(*v);
    }
}

void complete_settings(const TableView& t, const DriverSchema& schema, DeviceConfig& d,
                       Diagnostics& diag) {
    for (const auto& k : schema.keys) {
        if (t.find(k.key)) continue;
        if (k.required) report_missing_key(t, k.key, diag);
        else if (k.fallback) d.settings[std::string(k.key)] = *k.fallback;
    }
    for (const auto& dep : driver_key_dependencies()) {
        const Entry* e = t.find(dep.if_key);
        if (!e || t.find(dep.then_key)) continue;
        if (!dep.if_value.empty() && d.str(std::string(dep.if_key)) != dep.if_value) continue;
        const std::string value =
            dep.if_value.empty() ? "" : "\"" + std::string(dep.if_value) + "\" ";
        diag.at(*e->key_at, t.key_path(dep.if_key),
                value + "needs " + std::string(dep.then_key) + " (" + std::string(dep.why) +
                    ") as well");
    }
}

}  // namespace

DeviceConfig read_device(const TableView& t, Diagnostics& diag) {
    DeviceConfig d;
    if (const Entry* id = t.find("id"))
        Field(*id->value, t.key_path("id"), diag).id(d.id);
    else
        report_missing_key(t, "id", diag);
    const Entry* driver = t.find("driver");
    if (!driver) {
        report_missing_key(t, "driver", diag);
        return d;  // without a driver its keys cannot be checked
    }
    const DriverSchema* schema = read_driver(Field(*driver->value, t.key_path("driver"), diag), d);
    if (!schema) return d;
    read_settings(t, *schema, d, diag);
    complete_settings(t, *schema, d, diag);
    return d;
}

}  // namespace gw::config::detail
