#include "command_support.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

namespace gw::app {

bool read_file(const std::string& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return true;
}

bool read_input(const std::string& path, std::string& out) {
    if (read_file(path, out)) return true;
    std::cerr << "campusgw: cannot read " << path << "\n";
    return false;
}

int open_state(const std::string& config_path, StateHandle& h) {
    auto r = config::load_config(config_path);
    for (const auto& e : r.errors) std::cerr << e.to_string() << "\n";
    if (!r.ok()) return kExConfig;
    h.cfg = std::move(r.config);
    auto st = open_gateway_state(h.cfg);
    if (!st) {
        std::cerr << "campusgw: " << st.error().message() << "\n";
        return state_exit_code(h.cfg);
    }
    h.state = std::move(st.value());
    return 0;
}

}  // namespace gw::app
