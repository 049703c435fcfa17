// campusgw: the executable. Dispatches subcommands from a table.
#include <cstring>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "commands.hpp"
#include "qr_commands.hpp"
#include "daemon.hpp"
#include "signal_watcher.hpp"
#include "version.hpp"

namespace {

constexpr const char* kDefaultConfig = "/etc/campusgw/campusgw.toml";
constexpr int kExUsage = 64;

struct Args {
    std::vector<std::string> positional;
    std::string config = kDefaultConfig;
    std::map<std::string, std::string> options;  // --name value, --name=value, --flag
    bool bad = false;                             // an option without its value

    std::string opt(const std::string& name) const {
        auto it = options.find(name);
        return it == options.end() ? std::string() : it->second;
    }
};

// Options that take no value.
const std::set<std::string> kFlags = {"--compressed", "--forge"};

Args parse_args(int argc, char** argv, int first) {
    Args a;
    for (int i = first; i < argc; ++i) {
        std::string s = argv[i];
        if ((s == "--config" || s == "-c") && i + 1 < argc) a.config = argv[++i];
        else if (s.rfind("--config=", 0) == 0) a.config = s.substr(9);
        else if (kFlags.count(s)) a.options[s] = "1";
        else if (s.rfind("--", 0) == 0 && s.find('=') != std::string::npos)
            a.options[s.substr(0, s.find('='))] = s.substr(s.find('=') + 1);
        else if (s.rfind("--", 0) == 0 && s.size() > 2) {
            if (i + 1 < argc) a.options[s] = argv[++i];
            else a.bad = true;
        } else a.positional.push_back(s);
    }
    return a;
}

/// A whole number, or nullopt (and `bad`) when the text is not one.
std::optional<int64_t> number(const std::string& text, bool& bad) {
    if (text.empty()) return std::nullopt;
    try {
        size_t used = 0;
        const long long v = std::stoll(text, &used);
        if (used == text.size()) return v;
    } catch (const std::exception&) {
    }
    bad = true;
    return std::nullopt;
}

int qr_verify(const Args& a) {
    bool bad = false;
    gw::app::QrVerifyOptions o{a.positional.size() > 2 ? a.positional[2] : "",
                               number(a.opt("--at"), bad), a.opt("--point")};
    if (bad) {
        std::cerr << "campusgw: --at takes unix seconds\n";
        return kExUsage;
    }
    return gw::app::cmd_qr_verify(a.config, o);
}

int qr_issue(const Args& a) {
    bool bad = false;
    gw::app::QrIssueOptions o;
    o.dir = a.opt("--dir");
    o.person = a.opt("--person");
    o.cid = a.opt("--cid");
    o.at = number(a.opt("--at"), bad);
    o.days = static_cast<int>(number(a.opt("--days"), bad).value_or(7));
    o.tname = a.opt("--tname");
    o.sch = a.opt("--sch");
    o.compressed = a.options.count("--compressed") > 0;
    o.forge = a.options.count("--forge") > 0;
    o.png = a.opt("--png");
    if (bad) {
        std::cerr << "campusgw: --at and --days take whole numbers\n";
        return kExUsage;
    }
    return gw::app::cmd_qr_issue(o);
}

int usage(std::ostream& os, int rc) {
    os << "usage: campusgw <command> [--config FILE]\n"
          "  run                      run the gateway (default config " << kDefaultConfig << ")\n"
          "  check-config [FILE]      validate a config; exit 0 ok, 78 invalid\n"
          "  roster import FILE       load a roster (eid-sync-v1 page or array of pages)\n"
          "  timetable import FILE    load a timetable (eid-sync-v1 §3)\n"
          "  trust import FILE [--signature SIGFILE]\n"
          "                           store an e-ID trust list (eid-sync-v1 §4)\n"
          "  qr verify [TEXT|-] [--at UNIX_TIME] [--point ID]\n"
          "                           verify an e-ID QR code; exit 0 allow, 1 deny\n"
          "  qr issue --dir DIR --person ID [--cid HEX] [--at T] [--days N] [--tname NAME]\n"
          "           [--sch SITE] [--compressed] [--forge] [--png FILE]\n"
          "                           test issuer: print a CEID1 code (demos, tests)\n"
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
        {{"trust", "import"}, 1,
         [](const Args& a) {
             return gw::app::cmd_trust_import(a.config, a.positional.back(), a.opt("--signature"));
         }},
        {{"qr", "verify"}, 0, qr_verify},
        {{"qr", "issue"}, 0, qr_issue},
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
        const bool optional_text = c.words.size() == 2 && c.words[1] == "verify";
        const size_t extra = a.positional.size() - c.words.size();
        if (a.bad || (extra != c.files && !(optional_text && extra == 1)))
            return usage(std::cerr, kExUsage);
        return c.run(a);
    }
    if (a.positional.empty()) return usage(std::cerr, kExUsage);
    std::cerr << "campusgw: unknown command '" << a.positional.front() << "'\n";
    return usage(std::cerr, kExUsage);
}
