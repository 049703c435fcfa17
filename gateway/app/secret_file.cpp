#include "secret_file.hpp"

#include <fstream>
#include <sstream>

namespace gw::app {

core::Result<std::string> read_secret_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return core::make_error(std::errc::no_such_file_or_directory, "secret file " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string s = ss.str();
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
    if (s.empty()) return core::make_error(std::errc::invalid_argument, "secret file " + path + " is empty");
    return s;
}

}  // namespace gw::app
