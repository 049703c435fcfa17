#pragma once
// `campusgw run`: the composition root's straight-line startup, the core loop, and a clean
// shutdown. Exit codes: 0 clean stop, 78 (EX_CONFIG) invalid config, 1 fatal runtime error.
#include <string>

namespace gw::app {

int run_daemon(const std::string& config_path);

}  // namespace gw::app
