// [site], [gateway], [log], [store], [outbox], [calendar]: one KeyRule table each.
#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>

#include "gateway/core/civil_time.hpp"
#include "key_rules.hpp"
#include "sections.hpp"

namespace gw::config::detail {

namespace {

using std::chrono::milliseconds;

constexpr const char* kZoneInfo = "/usr/share/zoneinfo/";

/// An IANA name whose compiled file exists (starts with the TZif magic), or "UTC".
bool known_time_zone(const std::string& name) {
    if (name == "UTC") return true;
    if (name.front() == '/' || name.find("..") != std::string::npos) return false;
    std::ifstream in(kZoneInfo + name, std::ios::binary);
    char magic[4] = {};
    return in.read(magic, sizeof magic) && std::memcmp(magic, "TZif", 4) == 0;
}

void read_time_zone(const Field& f, SiteConfig& s) {
    std::string tz;
    if (!f.nonempty(tz)) return;
    if (!known_time_zone(tz)) {
        f.fail("unknown time zone \"" + tz + "\": expected an IANA name like \"Asia/Shanghai\" " +
               "(a file under " + kZoneInfo + ") or \"UTC\"");
        return;
    }
    s.timezone = tz;
}

constexpr auto kSite = std::to_array<KeyRule<SiteConfig>>({
    {"id", true, [](const Field& f, SiteConfig& s) { f.id(s.id); }},
    {"name", false, [](const Field& f, SiteConfig& s) { f.text(s.name); }},
    {"timezone", false, read_time_zone},
});

void read_state_dir(const Field& f, GatewayConfig& g) {
    std::string dir;
    if (!f.nonempty(dir)) return;
    if (dir.front() != '/') {
        f.fail("expected an absolute path, like \"/var/lib/campusgw\", got \"" + dir + "\"");
        return;
    }
    g.state_dir = dir;
}

constexpr auto kGateway = std::to_array<KeyRule<GatewayConfig>>({
    {"id", true, [](const Field& f, GatewayConfig& g) { f.id(g.id); }},
    {"state_dir", false, read_state_dir},
    {"clock_trusted", false, [](const Field& f, GatewayConfig& g) { f.flag(g.clock_trusted); }},
});

// The names core::Log::parse_level accepts.
constexpr std::array<std::string_view, 6> kLogLevels{"debug", "info",  "notice",
                                                     "warning", "err", "error"};

constexpr auto kLog = std::to_array<KeyRule<LogConfig>>({
    {"level", false,
     [](const Field& f, LogConfig& l) {
         size_t i = 0;
         if (f.one_of(kLogLevels, i)) l.level = std::string(kLogLevels[i]);
     }},
});

constexpr std::array<std::string_view, 2> kSynchronous{"full", "normal"};

constexpr auto kStore = std::to_array<KeyRule<StoreConfig>>({
    {"synchronous", false,
     [](const Field& f, StoreConfig& s) {
         size_t i = 0;
         if (f.one_of(kSynchronous, i)) s.synchronous = std::string(kSynchronous[i]);
     }},
    {"batch_window", false,
     [](const Field& f, StoreConfig& s) {
         f.duration(s.batch_window, milliseconds(0), milliseconds(10'000));
     }},
});

constexpr auto kOutbox = std::to_array<KeyRule<OutboxConfig>>({
    {"max_events", false,
     [](const Field& f, OutboxConfig& o) {
         int64_t n = 0;
         if (f.integer(n, 1000, 1'000'000'000)) o.max_events = static_cast<uint64_t>(n);
     }},
});

/// One closed day: "YYYY-MM-DD" or a bare TOML date.
std::optional<int32_t> closed_day(const Field& f) {
    if (const auto* d = f.value().as_date())  // toml++ has checked it is a real date
        return core::days_from_civil(d->get().year, d->get().month, d->get().day);
    const auto* s = f.value().as_string();
    auto day = s ? core::parse_date(s->get()) : std::nullopt;
    if (!day) f.fail("expected a date \"YYYY-MM-DD\", got " + describe(f.value()));
    return day;
}

void read_closed(const Field& f, core::Calendar& c) {
    const toml::array* days = f.array();
    if (!days) return;
    for (size_t i = 0; i < days->size(); ++i)
        if (auto day = closed_day(f.element(*days, i))) c.closed_days.push_back(*day);
    std::sort(c.closed_days.begin(), c.closed_days.end());
    c.closed_days.erase(std::unique(c.closed_days.begin(), c.closed_days.end()),
                        c.closed_days.end());
}

constexpr auto kCalendar = std::to_array<KeyRule<core::Calendar>>({{"closed", false, read_closed}});

}  // namespace

void read_site(const TableView& t, SiteConfig& out, Diagnostics& d) {
    apply_rules<SiteConfig>(t, kSite, out, d);
}
void read_gateway(const TableView& t, GatewayConfig& out, Diagnostics& d) {
    apply_rules<GatewayConfig>(t, kGateway, out, d);
}
void read_log(const TableView& t, LogConfig& out, Diagnostics& d) {
    apply_rules<LogConfig>(t, kLog, out, d);
}
void read_store(const TableView& t, StoreConfig& out, Diagnostics& d) {
    apply_rules<StoreConfig>(t, kStore, out, d);
}
void read_outbox(const TableView& t, OutboxConfig& out, Diagnostics& d) {
    apply_rules<OutboxConfig>(t, kOutbox, out, d);
}
void read_calendar(const TableView& t, core::Calendar& out, Diagnostics& d) {
    apply_rules<core::Calendar>(t, kCalendar, out, d);
}

}  // namespace gw::config::detail
