#pragma once
// Command-line options of the form `--name value` (and bare flags), parsed once and read
// with typed accessors. Errors are reported as std::invalid_argument with a message fit for
// the user; main() catches them and exits 2 (usage error).
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace gw::dev::sim::tools {

class ArgList {
public:
    /// Parses argv[first..argc). Every token must be `--name` followed by a value, unless the
    /// name is listed in `flags` (boolean, no value). Throws std::invalid_argument.
    ArgList(int argc, char** argv, int first, const std::vector<std::string>& flags = {});

    bool has(const std::string& name) const;
    std::string str(const std::string& name) const;  // required
    std::string str(const std::string& name, const std::string& def) const;
    uint64_t count(const std::string& name) const;  // required, non-negative integer
    uint64_t count(const std::string& name, uint64_t def) const;
    std::chrono::milliseconds duration(const std::string& name,
                                       std::chrono::milliseconds def) const;

    /// Throws if an option was given that is not in `known` (catches typos).
    void only(const std::vector<std::string>& known) const;

private:
    std::map<std::string, std::string> values_;
};

/// "250ms", "30s", "5m", "2h" → milliseconds; throws std::invalid_argument.
std::chrono::milliseconds parse_duration(const std::string& text);

}  // namespace gw::dev::sim::tools
