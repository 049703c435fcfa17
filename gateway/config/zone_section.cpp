// [[zone]]: a zone's rule set. Rules tied to one kind of zone (a curfew, meal windows, a
// venue's category) are errors on other kinds, so a misplaced rule is never silently ignored.
#include <algorithm>
#include <array>

#include "key_rules.hpp"
#include "opening_hours.hpp"
#include "sections.hpp"

namespace gw::config::detail {

namespace {

using core::ZoneKind;
using std::chrono::milliseconds;
using std::chrono::minutes;

std::string hhmm(int minute) {
    const int h = minute / 60, m = minute % 60;
    return (h < 10 ? "0" : "") + std::to_string(h) + (m < 10 ? ":0" : ":") + std::to_string(m);
}

constexpr std::array<std::string_view, 7> kKinds{"dorm",  "canteen", "library", "attendance",
                                                 "venue", "gate",    "other"};
constexpr std::array<std::string_view, 3> kRoles{"student", "staff", "visitor"};
constexpr std::array<std::string_view, 5> kCategories{"德", "智", "体", "美", "劳"};

constexpr std::array<Choice<core::CurfewAction>, 2> kCurfewActions{
    {{"flag", core::CurfewAction::Flag}, {"deny", core::CurfewAction::Deny}}};
constexpr std::array<Choice<core::AntiPassback>, 3> kAntiPassback{
    {{"off", core::AntiPassback::Off},
     {"soft", core::AntiPassback::Soft},
     {"hard", core::AntiPassback::Hard}}};

constexpr auto kCurfew = std::to_array<KeyRule<core::Curfew>>({
    {"from", true, [](const Field& f, core::Curfew& c) { f.time_of_day(c.from); }},
    {"to", true, [](const Field& f, core::Curfew& c) { f.time_of_day(c.to); }},
    {"action", false, [](const Field& f, core::Curfew& c) { f.choice(kCurfewActions, c.action); }},
});

constexpr auto kMealWindow = std::to_array<KeyRule<core::MealWindow>>({
    {"name", true, [](const Field& f, core::MealWindow& w) { f.nonempty(w.name); }},
    {"from", true, [](const Field& f, core::MealWindow& w) { f.time_of_day(w.from); }},
    {"to", true, [](const Field& f, core::MealWindow& w) { f.time_of_day(w.to); }},
    {"quota", false,
     [](const Field& f, core::MealWindow& w) {
         int64_t q = 0;
         if (f.integer(q, 0, 1000)) w.quota = static_cast<int>(q);
     }},
});

void read_kind(const Field& f, core::Zone& z) {
    size_t i = 0;
    if (f.one_of(kKinds, i)) z.kind = *core::parse_zone_kind(kKinds[i]);
}

void read_roles(const Field& f, core::Zone& z) {
    const toml::array* roles = f.array();
    if (!roles) return;
    for (size_t i = 0; i < roles->size(); ++i) {
        size_t role = 0;
        if (f.element(*roles, i).one_of(kRoles, role))
            z.allow_roles.push_back(std::string(kRoles[role]));
    }
}

void read_curfew(const Field& f, core::Zone& z) {
    const toml::table* t = f.table();
    if (!t) return;
    const size_t errors = f.diag().count();
    core::Curfew c;
    apply_rules<core::Curfew>(TableView::of(*t, f.path()), kCurfew, c, f.diag());
    if (f.diag().count() != errors) return;
    if (c.from == c.to) {
        f.fail("the curfew from " + hhmm(c.from) + " to " + hhmm(c.to) + " is empty");
        return;
    }
    z.curfew = c;
}

struct PlacedWindow {
    core::MealWindow window;
    Field field;
};

std::optional<PlacedWindow> read_meal_window(const Field& f) {
    const toml::table* t = f.table();
    if (!t) return std::nullopt;
    const size_t errors = f.diag().count();
    core::MealWindow w;
    apply_rules<core::MealWindow>(TableView::of(*t, f.path()), kMealWindow, w, f.diag());
    if (f.diag().count() != errors) return std::nullopt;
    if (w.from >= w.to) {
        f.fail("a meal window must end after it starts (no crossing midnight), got " +
               hhmm(w.from) + "-" + hhmm(w.to));
        return std::nullopt;
    }
    return PlacedWindow{std::move(w), f};
}

/// Names unique; no two windows share a minute (a tap must belong to one window).
void check_meal_windows(std::vector<PlacedWindow>& ws) {
    for (size_t i = 0; i < ws.size(); ++i)
        for (size_t j = 0; j < i; ++j)
            if (ws[i].window.name == ws[j].window.name)
                ws[i].field.fail("meal window name \"" + ws[i].window.name + "\" is used twice");
    std::vector<PlacedWindow*> by_start;
    for (auto& w : ws) by_start.push_back(&w);
    std::sort(by_start.begin(), by_start.end(), [](auto* a, auto* b) {
        return a->window.from < b->window.from;
    });
    for (size_t i = 1; i < by_start.size(); ++i) {
        const auto& prev = by_start[i - 1]->window;
        if (by_start[i]->window.from < prev.to)
            by_start[i]->field.fail("overlaps meal window \"" + prev.name + "\" (" +
                                    hhmm(prev.from) + "-" + hhmm(prev.to) + ")");
    }
}

void read_meal_windows(const Field& f, core::Zone& z) {
    const toml::array* items = f.array();
    if (!items) return;
    std::vector<PlacedWindow> windows;
    for (size_t i = 0; i < items->size(); ++i)
        if (auto w = read_meal_window(f.element(*items, i))) windows.push_back(std::move(*w));
    check_meal_windows(windows);
    for (auto& w : windows) z.meal_windows.push_back(std::move(w.window));
}

void read_hours(const Field& f, core::Zone& z) {
    const toml::array* lines = f.array();
    if (!lines) return;
    for (size_t i = 0; i < lines->size(); ++i) {
        const Field line = f.element(*lines, i);
        std::string text;
        if (!line.text(text)) continue;
        auto parsed = parse_opening_hours(text);
        if (parsed.hours)
            z.hours.push_back(*parsed.hours);
        else
            line.fail(parsed.error);
    }
}

void read_minutes(const Field& f, int& out) {
    int64_t m = 0;
    if (f.whole_duration(m, minutes(1), minutes(0), minutes(12 * 60))) out = static_cast<int>(m);
}

constexpr auto kZone = std::to_array<KeyRule<core::Zone>>({
    {"id", true, [](const Field& f, core::Zone& z) { f.id(z.id); }},
    {"kind", true, read_kind},
    {"allow_groups", false, [](const Field& f, core::Zone& z) { f.text_list(z.allow_groups); }},
    {"allow_roles", false, read_roles},
    {"curfew", false, read_curfew},
    {"antipassback", false,
     [](const Field& f, core::Zone& z) { f.choice(kAntiPassback, z.antipassback); }},
    {"meal_windows", false, read_meal_windows},
    {"hours", false, read_hours},
    {"category", false,
     [](const Field& f, core::Zone& z) {
         size_t i = 0;
         if (f.one_of(kCategories, i)) z.category = std::string(kCategories[i]);
     }},
    {"allow_any_valid_eid", false,
     [](const Field& f, core::Zone& z) { f.flag(z.allow_any_valid_eid); }},
    {"checkin_open", false, [](const Field& f, core::Zone& z) { read_minutes(f, z.checkin_open_min); }},
    {"grace", false, [](const Field& f, core::Zone& z) { read_minutes(f, z.grace_min); }},
});

// Keys that only make sense for one kind of zone.
constexpr std::array<std::pair<std::string_view, ZoneKind>, 6> kKindOnly{{
    {"curfew", ZoneKind::Dorm},
    {"meal_windows", ZoneKind::Canteen},
    {"category", ZoneKind::Venue},
    {"allow_any_valid_eid", ZoneKind::Venue},
    {"checkin_open", ZoneKind::Attendance},
    {"grace", ZoneKind::Attendance},
}};

void check_kind_keys(const TableView& t, Diagnostics& diag) {
    const Entry* kind_entry = t.find("kind");
    const auto* kind_text = kind_entry ? kind_entry->value->as_string() : nullptr;
    const auto kind = kind_text ? core::parse_zone_kind(kind_text->get()) : std::nullopt;
    if (!kind) return;  // already reported
    for (const auto& [key, only] : kKindOnly) {
        const Entry* e = t.find(key);
        if (!e || *kind == only) continue;
        diag.at(*e->key_at, t.key_path(key),
                "applies only to kind = \"" + std::string(core::to_string(only)) +
                    "\" zones; this zone is kind = \"" + kind_text->get() + "\"");
    }
}

}  // namespace

core::Zone read_zone(const TableView& t, Diagnostics& diag) {
    core::Zone z;
    apply_rules<core::Zone>(t, kZone, z, diag);
    check_kind_keys(t, diag);
    return z;
}

}  // namespace gw::config::detail
