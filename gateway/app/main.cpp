// campusgw: the executable. Dispatches subcommands from a table.
#include <cstring>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "daemon.hpp"
#include "signal_watcher.hpp"
#include "version.hpp"

namespace {

constexpr const char* kDefaultConfig = "/etc/campusgw/campusgw.toml";
constexpr int kExUsage = 64;

struct Args {
    std::vector<std::string> positional;
    std::string config = kDefaultConfig;
};

Args parse_args(int argc, char** argv, int first) {
    Args a;
    for (int i = first; i < argc; ++i) {
        std::string s = argv[i];
        if ((s == "--config" || s == "-c") && i + 1 < argc) a.config = argv[++i];
        else if (s.rfind("--config=", 0) == 0) a.config = s.substr(9);
        else a.positional.push_back(s);
    }
    return a;
}

int usage(std::ostream& os, int rc) {
    os << "usage: campusgw <command> [--config FILE]\n"
          "  run                      run the gateway (default config " << kDefaultConfig << ")\n"
          "  check-config [FILE]      validate a config; exit 0 ok, 78 invalid\n"
          "  roster import FILE       load a roster (eid-sync-v1 page or array of pages)\n"
          "  timetable import FILE    load a timetable (eid-sync-v1 §3)\n"
          "  version                  print the version\n";
    return rc;
}

struct Command {
    std::vector<std::string> words;
    size_t files;  // positional arguments after the words
    std::function<int(const Args&)> run;
};

const std::vector<Command>& commands() {
    using gw::app::cmd_roster_import;
    using gw::app::cmd_timetable_import;
    static const std::vector<Command> kCommands = {
        {{"run"}, 0, [](const Args& a) { return gw::app::run_daemon(a.config); }},
        {{"check-config"}, 0, [](const Args& a) { return gw::app::cmd_check_config(a.config); }},
        {{"roster", "import"}, 1,
         [](const Args& a) { return cmd_roster_import(a.config, a.positional.back()); }},
        {{"timetable", "import"}, 1,
         [](const Args& a) { return cmd_timetable_import(a.config, a.positional.back()); }},
        {{"version"}, 0, [](const Args&) {
             std::cout << "campusgw " << gw::app::kVersion << "\n";
             return 0;
         }},
    };
    return kCommands;
}

bool matches(const Command& c, const Args& a) {
    if (a.positional.size() < c.words.size()) return false;
    for (size_t i = 0; i < c.words.size(); ++i)
        if (a.positional[i] != c.words[i]) return false;
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h"))
        return usage(argc < 2 ? std::cerr : std::cout, argc < 2 ? kExUsage : 0);
    gw::app::SignalWatcher::block_signals();
    Args a = parse_args(argc, argv, 1);
    // check-config takes the file as a positional argument too: `check-config FILE`.
    if (!a.positional.empty() && a.positional[0] == "check-config" && a.positional.size() == 2)
        a.config = a.positional[1], a.positional.pop_back();
    for (const auto& c : commands()) {
        if (!matches(c, a)) continue;
        if (a.positional.size() != c.words.size() + c.files) return usage(std::cerr, kExUsage);
        return c.run(a);
    }
    if (a.positional.empty()) return usage(std::cerr, kExUsage);
    std::cerr << "campusgw: unknown command '" << a.positional.front() << "'\n";
    return usage(std::cerr, kExUsage);
}
