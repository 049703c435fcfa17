#pragma once
// What the one-shot subcommands share: exit codes (sysexits), reading an input file, and
// opening the gateway's state the way the daemon does, with errors printed for an admin.
#include <string>

#include "gateway/config/config.hpp"
#include "gateway_state.hpp"

namespace gw::app {

constexpr int kExDataErr = 65;    // bad input file
constexpr int kExCantCreate = 73; // cannot write an output
constexpr int kExConfig = 78;     // invalid configuration

/// The whole file, or false when it cannot be read.
bool read_file(const std::string& path, std::string& out);
/// Same, printing "campusgw: cannot read PATH" on failure.
bool read_input(const std::string& path, std::string& out);

/// Loads the config and opens the gateway's state the way the daemon does.
struct StateHandle {
    config::Config cfg;
    GatewayState state;
};

/// 0, or the exit code after printing why (config errors with file:line:col).
int open_state(const std::string& config_path, StateHandle& h);

}  // namespace gw::app
