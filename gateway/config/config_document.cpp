#include "config_document.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace gw::config::detail {

namespace {

namespace fs = std::filesystem;

constexpr uint64_t kFnvPrime = 1099511628211ull;

uint64_t fnv1a(uint64_t h, std::string_view bytes) {
    for (unsigned char c : bytes) {
        h ^= c;
        h *= kFnvPrime;
    }
    return h;
}

std::string hex64(uint64_t v) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, v >>= 4) out[static_cast<size_t>(i)] = kDigits[v & 0xf];
    return out;
}

/// conf.d/*.toml beside the main file, sorted by name. A missing conf.d is not an error.
std::vector<std::string> conf_d_files(const std::string& main_path, Diagnostics& diag) {
    const fs::path dir = fs::path(main_path).parent_path() / "conf.d";
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return {};
    std::vector<std::string> out;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.empty() || name.front() == '.' || it->path().extension() != ".toml") continue;
        if (it->is_regular_file(ec)) out.push_back(it->path().string());
    }
    if (ec) diag.in_file(dir.string(), "", "cannot list the directory: " + ec.message());
    std::sort(out.begin(), out.end());
    return out;
}

bool slurp(const std::string& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return !in.bad();
}

}  // namespace

ConfigDocument ConfigDocument::load(const std::string& main_path, Diagnostics& diag) {
    ConfigDocument doc;
    doc.hash_ = hex64(doc.digest_);
    doc.read_file(main_path, diag);
    if (!doc.parsed_) return doc;  // no main file: conf.d alone would only add noise
    for (const auto& f : conf_d_files(main_path, diag)) doc.read_file(f, diag);
    return doc;
}

void ConfigDocument::read_file(const std::string& path, Diagnostics& diag) {
    files_.push_back(path);
    std::string text;
    errno = 0;
    if (!slurp(path, text)) {
        diag.in_file(path, "", std::string("cannot read the file: ") +
                                   (errno ? std::strerror(errno) : "read error"));
        parsed_ = false;
        return;
    }
    digest_ = fnv1a(fnv1a(digest_, text), std::string_view("\0", 1));
    hash_ = hex64(digest_);
    try {
        roots_.push_back(std::make_unique<toml::table>(toml::parse(text, std::string(path))));
    } catch (const toml::parse_error& e) {
        diag.at(e.source(), "", "syntax error: " + std::string(e.description()));
        parsed_ = false;
        return;
    }
    merge(*roots_.back(), diag);
}

void ConfigDocument::merge(const toml::table& root, Diagnostics& diag) {
    for (const Entry& e : TableView::entries_of(root)) {
        const toml::array* items = e.value->as_array();
        if (e.value->is_table())
            merge_table(e, diag);
        else if (items && items->is_array_of_tables())
            append_tables(e, *items, diag);
        else
            first_definition(e, diag);
    }
}

void ConfigDocument::merge_table(const Entry& top, Diagnostics& diag) {
    auto it = std::find_if(tables_.begin(), tables_.end(),
                           [&](const TableView& t) { return t.path == top.key; });
    if (it == tables_.end()) {
        if (first_definition(top, diag))
            tables_.push_back(TableView::of(*top.value->as_table(), std::string(top.key)));
        return;
    }
    for (const Entry& e : TableView::entries_of(*top.value->as_table())) {
        if (const Entry* first = it->find(e.key)) {
            diag.at(*e.key_at, it->key_path(e.key),
                    "defined again; first defined at " + Diagnostics::place(*first->key_at));
            continue;
        }
        it->entries.push_back(e);
    }
}

void ConfigDocument::append_tables(const Entry& top, const toml::array& items,
                                   Diagnostics& diag) {
    auto it = std::find_if(arrays_.begin(), arrays_.end(),
                           [&](const TableArray& a) { return a.name == top.key; });
    if (it == arrays_.end()) {
        if (!first_definition(top, diag)) return;
        arrays_.push_back(TableArray{std::string(top.key), {}});
        it = std::prev(arrays_.end());
    }
    for (const auto& item : items) it->items.push_back(item.as_table());
}

/// Records a top-level key; false (and an error naming both places) when another file
/// already set it.
bool ConfigDocument::first_definition(const Entry& e, Diagnostics& diag) {
    auto it = std::find_if(seen_.begin(), seen_.end(),
                           [&](const Entry& s) { return s.key == e.key; });
    if (it == seen_.end()) {
        seen_.push_back(e);
        return true;
    }
    diag.at(*e.key_at, std::string(e.key),
            "defined again; first defined at " + Diagnostics::place(*it->key_at));
    return false;
}

const TableView* ConfigDocument::table(std::string_view name) const {
    for (const auto& t : tables_)
        if (t.path == name) return &t;
    return nullptr;
}

const TableArray* ConfigDocument::array(std::string_view name) const {
    for (const auto& a : arrays_)
        if (a.name == name) return &a;
    return nullptr;
}

}  // namespace gw::config::detail
