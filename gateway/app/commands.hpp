#pragma once
// The one-shot subcommands: check-config, roster import, timetable import.
// Each returns a process exit code and prints for an admin (stdout results, stderr errors).
#include <string>

namespace gw::app {

int cmd_check_config(const std::string& path);
int cmd_roster_import(const std::string& config_path, const std::string& file);
int cmd_timetable_import(const std::string& config_path, const std::string& file);

}  // namespace gw::app
