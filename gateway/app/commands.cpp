#include "commands.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

#include "adapters/eid/roster_page_parser.hpp"
#include "adapters/eid/timetable_parser.hpp"
#include "gateway/config/config.hpp"
#include "gateway_state.hpp"

namespace gw::app {

namespace {

constexpr int kExConfig = 78;
constexpr int kExDataErr = 65;

bool read_file(const std::string& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return true;
}

/// Loads the config and opens the gateway's state the way the daemon does.
struct StateHandle {
    config::Config cfg;
    GatewayState state;
};

int open_state(const std::string& config_path, StateHandle& h) {
    auto r = config::load_config(config_path);
    for (const auto& e : r.errors) std::cerr << e.to_string() << "\n";
    if (!r.ok()) return kExConfig;
    h.cfg = std::move(r.config);
    auto st = open_gateway_state(h.cfg);
    if (!st) {
        std::cerr << "campusgw: " << st.error().message() << "\n";
        return 1;
    }
    h.state = std::move(st.value());
    return 0;
}

/// Reads an input file; prints why not and returns false when it cannot.
bool read_input(const std::string& path, std::string& out) {
    if (read_file(path, out)) return true;
    std::cerr << "campusgw: cannot read " << path << "\n";
    return false;
}

}  // namespace

int cmd_check_config(const std::string& path) {
    auto r = config::load_config(path);
    for (const auto& e : r.errors) std::cerr << e.to_string() << "\n";
    if (!r.ok()) {
        std::cerr << path << ": " << r.errors.size() << " error(s)\n";
        return kExConfig;
    }
    std::cout << path << ": ok (" << r.config.zones.size() << " zones, "
              << r.config.points.size() << " points, " << r.config.devices.size()
              << " devices)\n";
    return 0;
}

int cmd_roster_import(const std::string& config_path, const std::string& file) {
    std::string text;
    if (!read_input(file, text)) return kExDataErr;
    auto pages = adp::eid::parse_roster_file(text);
    if (!pages) {
        std::cerr << "campusgw: " << file << ": " << pages.error().message() << "\n";
        return kExDataErr;
    }
    StateHandle h;
    if (int rc = open_state(config_path, h)) return rc;
    size_t persons = 0, creds = 0, rejected = 0;
    for (const auto& page : pages.value()) {
        auto st = h.state.store->apply_roster_page(page, *h.state.hasher, std::chrono::system_clock::now());
        if (!st) {
            std::cerr << "campusgw: roster import failed: " << st.error().message() << "\n";
            return 1;
        }
        persons += page.persons.size();
        creds += page.credentials.size();
        rejected += page.rejected;
    }
    std::cout << "roster imported: " << persons << " persons, " << creds << " credentials, "
              << rejected << " rejected, cursor " << h.state.store->roster_cursor() << "\n";
    return rejected > 0 ? 2 : 0;
}

int cmd_timetable_import(const std::string& config_path, const std::string& file) {
    std::string text;
    if (!read_input(file, text)) return kExDataErr;
    auto sessions = adp::eid::parse_timetable(text);
    if (!sessions) {
        std::cerr << "campusgw: " << file << ": " << sessions.error().message() << "\n";
        return kExDataErr;
    }
    StateHandle h;
    if (int rc = open_state(config_path, h)) return rc;
    if (auto st = h.state.store->replace_timetable(sessions.value()); !st) {
        std::cerr << "campusgw: timetable import failed: " << st.error().message() << "\n";
        return 1;
    }
    std::cout << "timetable imported: " << sessions.value().size() << " sessions\n";
    return 0;
}

}  // namespace gw::app
