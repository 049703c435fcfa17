#pragma once
// ConfigDocument: the main config file plus conf.d/*.toml beside it, each parsed by toml++
// and merged into one view:
//  - top-level tables ([mqtt]) are merged key by key; a key set in two files is an error
//    naming both places;
//  - arrays of tables ([[zone]], [[point]], [[device]], any [[x]]) are appended in file order;
//  - any other top-level key set in two files is an error (the loader then reports the
//    plain value where a table belongs).
// File order: the main file, then conf.d/*.toml sorted by name (byte order); names starting
// with '.' are skipped (editor swap files). Unreadable files and syntax errors are reported
// to the Diagnostics; check parsed() before validating the merged view.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics.hpp"
#include "table_view.hpp"

namespace gw::config::detail {

struct TableArray {
    std::string name;
    std::vector<const toml::table*> items;  // in merged order
};

class ConfigDocument {
public:
    static ConfigDocument load(const std::string& main_path, Diagnostics& diag);

    /// True when every file was read and parsed.
    bool parsed() const { return parsed_; }
    /// The files read, in merge order (the main file first).
    const std::vector<std::string>& files() const { return files_; }
    /// FNV-1a 64 of every file's bytes in merge order, 16 hex digits.
    const std::string& hash() const { return hash_; }

    /// Top-level tables, merged, in order of first appearance.
    const std::vector<TableView>& tables() const { return tables_; }
    const TableView* table(std::string_view name) const;
    /// Top-level arrays of tables, appended.
    const std::vector<TableArray>& arrays() const { return arrays_; }
    const TableArray* array(std::string_view name) const;
    /// Every top-level key at its first definition, in merge order (tables, arrays of
    /// tables and plain values alike).
    const std::vector<Entry>& top_keys() const { return seen_; }

private:
    void read_file(const std::string& path, Diagnostics& diag);
    void merge(const toml::table& root, Diagnostics& diag);
    void merge_table(const Entry& top, Diagnostics& diag);
    void append_tables(const Entry& top, const toml::array& items, Diagnostics& diag);
    bool first_definition(const Entry& e, Diagnostics& diag);

    bool parsed_ = true;
    std::vector<std::string> files_;
    uint64_t digest_ = 1469598103934665603ull;  // FNV-1a 64 offset basis
    std::string hash_;
    std::vector<std::unique_ptr<toml::table>> roots_;  // owns what the views point into
    std::vector<TableView> tables_;
    std::vector<TableArray> arrays_;
    std::vector<Entry> seen_;  // first definition of each top-level key
};

}  // namespace gw::config::detail
