#include "diagnostics.hpp"

#include <algorithm>

namespace gw::config::detail {

void Diagnostics::at(const toml::source_region& where, std::string key, std::string message) {
    ConfigError e;
    e.file = where.path ? *where.path : std::string();
    e.line = static_cast<int>(where.begin.line);
    e.column = static_cast<int>(where.begin.column);
    e.key = std::move(key);
    e.message = std::move(message);
    errors_.push_back(std::move(e));
}

void Diagnostics::in_file(std::string file, std::string key, std::string message) {
    ConfigError e;
    e.file = std::move(file);
    e.key = std::move(key);
    e.message = std::move(message);
    errors_.push_back(std::move(e));
}

std::vector<ConfigError> Diagnostics::take(const std::vector<std::string>& file_order) {
    auto rank = [&](const std::string& file) {
        auto it = std::find(file_order.begin(), file_order.end(), file);
        return static_cast<size_t>(it - file_order.begin());
    };
    std::stable_sort(errors_.begin(), errors_.end(),
                     [&](const ConfigError& a, const ConfigError& b) {
                         const size_t ra = rank(a.file), rb = rank(b.file);
                         if (ra != rb) return ra < rb;
                         if (a.line != b.line) return a.line < b.line;
                         return a.column < b.column;
                     });
    return std::move(errors_);
}

std::string Diagnostics::place(const toml::source_region& where) {
    return (where.path ? *where.path : std::string("?")) + ":" +
           std::to_string(where.begin.line) + ":" + std::to_string(where.begin.column);
}

}  // namespace gw::config::detail
