#include "commands.hpp"

#include <iostream>

#include "adapters/eid/roster_page_parser.hpp"
#include "adapters/eid/timetable_parser.hpp"
#include "gateway/config/config.hpp"
#include "command_support.hpp"

namespace gw::app {

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
