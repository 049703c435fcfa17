#pragma once
// TableView: the keys of one TOML table as the validator walks them, possibly merged from
// several files (a [mqtt] table split over campusgw.toml and conf.d/). Points into parsed
// toml++ documents owned by a ConfigDocument; valid while that document lives.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

namespace gw::config::detail {

struct Entry {
    std::string_view key;
    const toml::source_region* key_at = nullptr;  // where the key is written
    const toml::node* value = nullptr;
};

struct TableView {
    std::string path;                  // dotted path of the table: "site", zone "dorm3"
    const toml::node* where = nullptr; // the table (its header): place of "missing key"
    std::string file;                  // where "missing key" goes when `where` is null
    std::vector<Entry> entries;        // in file order

    const Entry* find(std::string_view key) const {
        for (const auto& e : entries)
            if (e.key == key) return &e;
        return nullptr;
    }

    std::string key_path(std::string_view key) const {
        return path.empty() ? std::string(key) : path + "." + std::string(key);
    }

    /// The keys of `table` in the order they are written.
    static std::vector<Entry> entries_of(const toml::table& table) {
        std::vector<Entry> out;
        for (auto&& [k, v] : table) out.push_back(Entry{k.str(), &k.source(), &v});
        std::sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) {
            return a.key_at->begin < b.key_at->begin;
        });
        return out;
    }

    static TableView of(const toml::table& table, std::string path) {
        return TableView{std::move(path), &table, {}, entries_of(table)};
    }
};

}  // namespace gw::config::detail
