#include "key_rules.hpp"

#include <algorithm>
#include <array>

namespace gw::config::detail {

namespace {

// Keys that would put a secret into the config itself.
constexpr std::array<std::string_view, 5> kSecretWords{"password", "token", "key", "secret",
                                                       "passphrase"};

bool known_key(std::span<const std::string_view> known, std::string_view key) {
    return std::find(known.begin(), known.end(), key) != known.end();
}

}  // namespace

void report_unknown_key(const TableView& table, const Entry& entry,
                        std::span<const std::string_view> known, Diagnostics& diag) {
    const std::string key(entry.key);
    const std::string path = table.key_path(entry.key);
    if (known_key(known, key + "_file")) {
        const bool secret =
            std::find(kSecretWords.begin(), kSecretWords.end(), key) != kSecretWords.end();
        diag.at(*entry.key_at, path,
                std::string(secret ? "secrets are read only from files" : "read from a file") +
                    ": use " + key + "_file");
        return;
    }
    std::string message = "unknown key";
    if (auto near = did_you_mean(entry.key, known))
        message += "; did you mean '" + std::string(*near) + "'?";
    diag.at(*entry.key_at, path, std::move(message));
}

void report_missing_key(const TableView& table, std::string_view key, Diagnostics& diag) {
    if (table.where)
        diag.at(*table.where, table.key_path(key), "required key is missing");
    else
        diag.in_file(table.file, table.key_path(key),
                     "required key is missing (there is no [" + table.path + "] table)");
}

}  // namespace gw::config::detail
