#include "field.hpp"

#include <cmath>

#include "duration.hpp"
#include "gateway/core/civil_time.hpp"

namespace gw::config::detail {

namespace {

using std::chrono::milliseconds;

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string range_text(int64_t lo, int64_t hi) {
    return std::to_string(lo) + ".." + std::to_string(hi);
}

std::string number_text(double v) {
    std::string s = std::to_string(v);
    while (s.size() > 1 && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

}  // namespace

std::string describe(const toml::node& value) {
    switch (value.type()) {
        case toml::node_type::string: return "the string " + quoted(**value.as_string());
        case toml::node_type::integer: return "the integer " + std::to_string(**value.as_integer());
        case toml::node_type::floating_point: return "a float";
        case toml::node_type::boolean: return **value.as_boolean() ? "true" : "false";
        case toml::node_type::array: return "an array";
        case toml::node_type::table: return "a table";
        case toml::node_type::date: return "a date";
        case toml::node_type::time: return "a time";
        case toml::node_type::date_time: return "a date-time";
        default: return "nothing";
    }
}

bool valid_id(std::string_view s) {
    if (s.empty() || s.size() > 64) return false;
    for (char c : s) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
                        c == '_' || c == '-';
        if (!ok) return false;
    }
    return true;
}

void Field::fail(std::string message) const { diag_.at(value_, path_, std::move(message)); }

const std::string* Field::string_value() const {
    if (const auto* s = value_.as_string()) return &s->get();
    fail("expected a string, got " + describe(value_));
    return nullptr;
}

bool Field::text(std::string& out) const {
    const std::string* s = string_value();
    if (s) out = *s;
    return s != nullptr;
}

bool Field::nonempty(std::string& out) const {
    const std::string* s = string_value();
    if (!s) return false;
    if (s->empty()) {
        fail("must not be empty");
        return false;
    }
    out = *s;
    return true;
}

bool Field::id(std::string& out) const {
    const std::string* s = string_value();
    if (!s) return false;
    if (!valid_id(*s)) {
        fail("expected an id of 1 to 64 characters a-z 0-9 . _ -, got " + quoted(*s));
        return false;
    }
    out = *s;
    return true;
}

bool Field::file(std::string& out) const {
    const std::string* s = string_value();
    if (!s) return false;
    if (s->empty()) {
        fail("expected a file path, got an empty string");
        return false;
    }
    out = *s;
    return true;
}

bool Field::flag(bool& out) const {
    if (const auto* b = value_.as_boolean()) {
        out = b->get();
        return true;
    }
    fail("expected true or false, got " + describe(value_));
    return false;
}

bool Field::integer(int64_t& out, int64_t lo, int64_t hi) const {
    const auto* i = value_.as_integer();
    if (!i) {
        fail("expected an integer " + range_text(lo, hi) + ", got " + describe(value_));
        return false;
    }
    if (i->get() < lo || i->get() > hi) {
        fail("out of range: expected " + range_text(lo, hi) + ", got " + std::to_string(i->get()));
        return false;
    }
    out = i->get();
    return true;
}

bool Field::number(double& out, double lo, double hi) const {
    double v = 0;
    if (const auto* f = value_.as_floating_point())
        v = f->get();
    else if (const auto* i = value_.as_integer())
        v = static_cast<double>(i->get());
    else {
        fail("expected a number " + number_text(lo) + ".." + number_text(hi) + ", got " +
             describe(value_));
        return false;
    }
    if (!(v >= lo && v <= hi)) {  // written so NaN fails too
        fail("out of range: expected " + number_text(lo) + ".." + number_text(hi) + ", got " +
             number_text(v));
        return false;
    }
    out = v;
    return true;
}

bool Field::text_list(std::vector<std::string>& out) const {
    const toml::array* arr = value_.as_array();
    if (!arr) {
        fail("expected an array of strings, like [\"a\", \"b\"], got " + describe(value_));
        return false;
    }
    std::vector<std::string> items;
    bool ok = true;
    for (size_t i = 0; i < arr->size(); ++i) {
        std::string s;
        if (element(*arr, i).text(s)) items.push_back(std::move(s));
        else ok = false;
    }
    if (ok) out = std::move(items);
    return ok;
}

bool Field::duration(milliseconds& out, milliseconds lo, milliseconds hi) const {
    const auto* s = value_.as_string();
    const auto d = s ? parse_duration(s->get()) : std::nullopt;
    if (!d) {
        fail("expected a duration with a unit, like \"250ms\", \"30s\", \"5m\", \"24h\" or "
             "\"1h30m\", got " + describe(value_));
        return false;
    }
    if (*d < lo || *d > hi) {
        fail("out of range: expected " + format_duration(lo) + ".." + format_duration(hi) +
             ", got " + quoted(s->get()));
        return false;
    }
    out = *d;
    return true;
}

bool Field::whole_duration(int64_t& out, milliseconds unit, milliseconds lo,
                           milliseconds hi) const {
    milliseconds d{};
    if (!duration(d, lo, hi)) return false;
    if (d % unit != milliseconds(0)) {
        fail("expected whole " + std::string(unit == milliseconds(1000) ? "seconds" : "minutes") +
             ", got " + describe(value_));
        return false;
    }
    out = d / unit;
    return true;
}

bool Field::time_of_day(int& out) const {
    const auto* s = value_.as_string();
    const auto t = s ? core::parse_hhmm(s->get()) : std::nullopt;
    if (!t) {
        fail("expected a time of day \"HH:MM\" (00:00..24:00), got " + describe(value_));
        return false;
    }
    out = *t;
    return true;
}

bool Field::one_of(std::span<const std::string_view> names, size_t& index) const {
    const auto* s = value_.as_string();
    for (size_t i = 0; s && i < names.size(); ++i)
        if (names[i] == s->get()) {
            index = i;
            return true;
        }
    std::string list;
    for (auto n : names) list += (list.empty() ? "" : ", ") + quoted(n);
    std::string message = "expected one of " + list + ", got " + describe(value_);
    if (s)
        if (auto near = did_you_mean(s->get(), names))
            message += "; did you mean '" + std::string(*near) + "'?";
    fail(std::move(message));
    return false;
}

const toml::table* Field::table() const {
    if (const auto* t = value_.as_table()) return t;
    fail("expected a table, like { key = \"value\" }, got " + describe(value_));
    return nullptr;
}

const toml::array* Field::array() const {
    if (const auto* a = value_.as_array()) return a;
    fail("expected an array, got " + describe(value_));
    return nullptr;
}

Field Field::element(const toml::array& arr, size_t i) const {
    return Field(*arr.get(i), path_ + "[" + std::to_string(i + 1) + "]", diag_);
}

}  // namespace gw::config::detail
