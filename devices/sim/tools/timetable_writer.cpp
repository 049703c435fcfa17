#include "timetable_writer.hpp"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <nlohmann/json.hpp>
#include <ostream>
#include <stdexcept>

namespace gw::dev::sim::tools {

namespace {

using namespace std::chrono;

ZonedTime local_now() {
    const auto now = time_point_cast<seconds>(system_clock::now());
    const std::time_t t = system_clock::to_time_t(now);
    std::tm tm{};
    localtime_r(&t, &tm);
    return {now, duration_cast<minutes>(seconds(tm.tm_gmtoff))};
}

minutes parse_offset(const std::string& text, size_t pos) {
    if (pos == text.size() - 1 && (text[pos] == 'Z' || text[pos] == 'z')) return minutes(0);
    int oh = 0, om = 0;
    char sign = 0;
    if (std::sscanf(text.c_str() + pos, "%c%2d:%2d", &sign, &oh, &om) != 3 ||
        (sign != '+' && sign != '-') || text.size() != pos + 6)
        throw std::invalid_argument("bad UTC offset in '" + text + "'");
    const minutes m = hours(oh) + minutes(om);
    return sign == '-' ? -m : m;
}

}  // namespace

ZonedTime parse_rfc3339(const std::string& text) {
    if (text == "now") return local_now();
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, used = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &used) !=
            6 ||
        used != 19 || text.size() < 20)
        throw std::invalid_argument("expected RFC 3339 like 2026-11-23T10:00:00+08:00, got '" +
                                    text + "'");
    const year_month_day ymd{year(y), month(static_cast<unsigned>(mo)),
                             day(static_cast<unsigned>(d))};
    if (!ymd.ok()) throw std::invalid_argument("bad date in '" + text + "'");
    ZonedTime z;
    z.offset = parse_offset(text, 19);
    z.instant = sys_days(ymd) + hours(h) + minutes(mi) + seconds(s) - z.offset;
    return z;
}

std::string format_rfc3339(const ZonedTime& t) {
    const auto local = t.instant + t.offset;
    const auto day_start = floor<days>(local);
    const year_month_day ymd{day_start};
    const hh_mm_ss hms{local - day_start};
    const long off = std::labs(static_cast<long>(t.offset.count()));
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ld%c%02ld:%02ld",
                  static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), static_cast<long>(hms.hours().count()),
                  static_cast<long>(hms.minutes().count()),
                  static_cast<long>(hms.seconds().count()), t.offset.count() < 0 ? '-' : '+',
                  static_cast<long>(off / 60), static_cast<long>(off % 60));
    return buf;
}

void TimetableWriter::write(std::ostream& out, const SessionSpec& s) const {
    const bool qualified = s.group.find(':') != std::string::npos;
    const std::string group = qualified ? s.group : "class:" + s.group;
    ZonedTime end = s.start;
    end.instant += s.length;
    nlohmann::json session = {{"id", s.id},
                              {"title", s.title},
                              {"group", group},
                              {"points", {s.point}},
                              {"start", format_rfc3339(s.start)},
                              {"end", format_rfc3339(end)}};
    out << nlohmann::json{{"sessions", {session}}}.dump(2) << "\n";
}

}  // namespace gw::dev::sim::tools
