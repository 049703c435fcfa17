// campusgw-sim: synthetic data and a tap driver for demos, tests and benchmarks.
//   campusgw-sim roster    --students N [...] --out roster.json --cards cards.tsv
//   campusgw-sim timetable --class CLASS --point POINT --start RFC3339|now --minutes N --out
//   tt.json campusgw-sim drive     --broker HOST:PORT --base campus/v1/SITE/GW --plan plan.tsv
// Exit codes: 0 ok, 1 the run failed, 2 usage error.
#include <chrono>
#include <cstring>
#include <fstream>
#include <iostream>
#include <stdexcept>

#include "arg_list.hpp"
#include "roster_generator.hpp"
#include "tap_driver.hpp"
#include "timetable_writer.hpp"

using namespace gw::dev::sim::tools;

namespace {

constexpr int kUsage = 2;

const char* const kUsageText =
    "usage:\n"
    "  campusgw-sim roster --students N [--staff M] [--visitors V] [--seed S]\n"
    "                      [--credentials-per-person 1|2] [--unknown K] [--site ID]\n"
    "                      --out roster.json --cards cards.tsv\n"
    "  campusgw-sim timetable --class CLASS --point POINT --start RFC3339|now --minutes N\n"
    "                      [--id ID] [--title TEXT] --out tt.json\n"
    "  campusgw-sim drive --broker HOST:PORT --base campus/v1/SITE/GW --plan plan.tsv\n"
    "                      [--timeout 30s] [--gap 50ms] [--per-tap 5s]\n";

std::ofstream open_out(const std::string& path) {
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    if (!f) throw std::runtime_error("cannot write " + path);
    return f;
}

int cmd_roster(const ArgList& a) {
    a.only({"students", "staff", "visitors", "seed", "credentials-per-person", "unknown", "site",
            "out", "cards"});
    RosterOptions o;
    o.students = a.count("students");
    o.staff = a.count("staff", 0);
    o.visitors = a.count("visitors", 0);
    o.seed = a.count("seed", 1);
    o.credentials_per_person = a.count("credentials-per-person", 1);
    o.unknown = a.count("unknown", 0);
    o.site = a.str("site", o.site);
    if (o.credentials_per_person < 1 || o.credentials_per_person > 2)
        throw std::invalid_argument("--credentials-per-person must be 1 or 2");
    auto roster = open_out(a.str("out"));
    auto cards = open_out(a.str("cards"));
    const auto st = RosterGenerator(o).write(roster, cards);
    roster.close();
    cards.close();
    if (!roster || !cards) throw std::runtime_error("write failed");
    std::cout << "roster: " << st.persons << " persons (" << st.students << " students in "
              << st.classes << " classes, " << st.staff << " staff, " << st.visitors
              << " visitors), " << st.credentials << " credentials; " << st.lost << " lost cards, "
              << st.suspended << " suspended, " << st.subsidy << " meal:subsidy; " << st.unknown
              << " unknown cards\n";
    return 0;
}

int cmd_timetable(const ArgList& a) {
    a.only({"class", "point", "start", "minutes", "id", "title", "out"});
    SessionSpec s;
    s.group = a.str("class");
    if (s.group.find(':') == std::string::npos) s.group = "class:" + s.group;
    s.point = a.str("point");
    s.start = parse_rfc3339(a.str("start"));
    s.length = std::chrono::minutes(a.count("minutes", 45));
    s.id = a.str("id", "s-sim-" + std::to_string(s.start.instant.time_since_epoch().count()));
    s.title = a.str("title", "Simulated session");
    auto out = open_out(a.str("out"));
    TimetableWriter().write(out, s);
    out.close();
    if (!out) throw std::runtime_error("write failed");
    std::cout << "timetable: session " << s.id << " for " << s.group << " at " << s.point
              << " from " << format_rfc3339(s.start) << " for " << s.length.count() << " min\n";
    return 0;
}

int cmd_drive(const ArgList& a) {
    a.only({"broker", "base", "plan", "timeout", "gap", "per-tap"});
    DriveOptions o;
    o.broker = BrokerAddress::parse(a.str("broker"));
    o.base = a.str("base");
    while (!o.base.empty() && o.base.back() == '/') o.base.pop_back();
    o.taps = load_tap_plan(a.str("plan"));
    o.timeout = a.duration("timeout", o.timeout);
    o.gap = a.duration("gap", o.gap);
    o.per_tap = a.duration("per-tap", o.per_tap);
    return TapDriver(std::move(o), std::cout).run();
}

struct Command {
    const char* name;
    int (*run)(const ArgList&);
};

constexpr Command kCommands[] = {
    {"roster", cmd_roster}, {"timetable", cmd_timetable}, {"drive", cmd_drive}};

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || !std::strcmp(argv[1], "-h") || !std::strcmp(argv[1], "--help")) {
        std::cout << kUsageText;
        return argc < 2 ? kUsage : 0;
    }
    for (const auto& c : kCommands) {
        if (std::strcmp(argv[1], c.name) != 0) continue;
        try {
            return c.run(ArgList(argc, argv, 2));
        } catch (const std::invalid_argument& e) {
            std::cerr << "campusgw-sim " << c.name << ": " << e.what() << "\n" << kUsageText;
            return kUsage;
        } catch (const std::exception& e) {
            std::cerr << "campusgw-sim " << c.name << ": " << e.what() << "\n";
            return 1;
        }
    }
    std::cerr << "campusgw-sim: unknown command '" << argv[1] << "'\n" << kUsageText;
    return kUsage;
}
