#pragma once
// Diagnostics: collects every ConfigError found while loading, located by toml++ source
// regions. Private to gw_config. Not thread-safe (one per load_config call).
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "gateway/config/config.hpp"

namespace gw::config::detail {

class Diagnostics {
public:
    /// An error at a place in a file (a key's or a value's source region).
    void at(const toml::source_region& where, std::string key, std::string message);
    void at(const toml::node& where, std::string key, std::string message) {
        at(where.source(), std::move(key), std::move(message));
    }
    /// An error tied to a file but to no line (unreadable file, missing [site] table).
    void in_file(std::string file, std::string key, std::string message);

    size_t count() const { return errors_.size(); }

    /// The errors in reading order: by position of the file in `file_order`, then by line
    /// and column. Errors of the same place keep the order they were found in.
    std::vector<ConfigError> take(const std::vector<std::string>& file_order);

    /// "file:line:column" of a region, for messages that name a second place.
    static std::string place(const toml::source_region& where);

private:
    std::vector<ConfigError> errors_;
};

}  // namespace gw::config::detail
