#pragma once
// KeyRule: one row of a table-driven schema: a key, whether it is required, and how its
// value is read into the target struct. apply_rules() walks a table against such rows:
// unknown keys (with a "did you mean"), secrets written inline, and missing required keys
// are reported here, so each section only lists its keys.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "field.hpp"
#include "table_view.hpp"

namespace gw::config::detail {

template <class T>
struct KeyRule {
    std::string_view key;
    bool required;
    void (*read)(const Field& value, T& out);
};

/// Reports `entry` as unknown among `known` keys of `table`: "secrets are read only from
/// files" when `<key>_file` is known, else "unknown key" with a near miss if there is one.
void report_unknown_key(const TableView& table, const Entry& entry,
                        std::span<const std::string_view> known, Diagnostics& diag);

/// Reports that `key` is required in `table` but not set.
void report_missing_key(const TableView& table, std::string_view key, Diagnostics& diag);

template <class T>
void apply_rules(const TableView& table, std::span<const KeyRule<T>> rules, T& out,
                 Diagnostics& diag) {
    std::vector<std::string_view> known;
    for (const auto& r : rules) known.push_back(r.key);
    for (const Entry& e : table.entries) {
        const KeyRule<T>* rule = nullptr;
        for (const auto& r : rules)
            if (r.key == e.key) rule = &r;
        if (rule)
            rule->read(Field(*e.value, table.key_path(e.key), diag), out);
        else
            report_unknown_key(table, e, known, diag);
    }
    for (const auto& r : rules)
        if (r.required && !table.find(r.key)) report_missing_key(table, r.key, diag);
}

}  // namespace gw::config::detail
