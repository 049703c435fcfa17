// [[point]]: an access point. References to zones and devices are checked across tables in
// references.cpp, once every zone and device is known.
#include <array>

#include "key_rules.hpp"
#include "sections.hpp"

namespace gw::config::detail {

namespace {

using core::AccessPoint;
using std::chrono::seconds;

constexpr std::array<Choice<core::Direction>, 3> kDirections{{{"in", core::Direction::In},
                                                              {"out", core::Direction::Out},
                                                              {"both", core::Direction::Both}}};
constexpr std::array<Choice<core::StalePolicy>, 2> kStale{
    {{"deny", core::StalePolicy::Deny}, {"allow_known", core::StalePolicy::AllowKnown}}};
constexpr std::array<Choice<core::UnsyncedPolicy>, 2> kUnsynced{
    {{"deny", core::UnsyncedPolicy::Deny}, {"allow", core::UnsyncedPolicy::Allow}}};
constexpr std::array<Choice<core::PlainCodes>, 2> kPlainCodes{
    {{"deny", core::PlainCodes::Deny}, {"card_uid", core::PlainCodes::CardUid}}};

void read_max_roster_age(const Field& f, AccessPoint& p) {
    int64_t s = 0;
    if (f.whole_duration(s, seconds(1), seconds(1), seconds(366 * 86400)))
        p.max_roster_age = seconds(s);
}

constexpr auto kPoint = std::to_array<KeyRule<AccessPoint>>({
    {"id", true, [](const Field& f, AccessPoint& p) { f.id(p.id); }},
    {"name", false, [](const Field& f, AccessPoint& p) { f.text(p.name); }},
    {"zone", true, [](const Field& f, AccessPoint& p) { f.nonempty(p.zone_id); }},
    {"direction", false, [](const Field& f, AccessPoint& p) { f.choice(kDirections, p.direction); }},
    {"device", true, [](const Field& f, AccessPoint& p) { f.nonempty(p.device_id); }},
    {"door", false, [](const Field& f, AccessPoint& p) { f.nonempty(p.door_id); }},
    {"service", false, [](const Field& f, AccessPoint& p) { f.text(p.service); }},
    {"venue_code", false, [](const Field& f, AccessPoint& p) { f.nonempty(p.venue_code); }},
    {"max_roster_age", false, read_max_roster_age},
    {"when_stale", false, [](const Field& f, AccessPoint& p) { f.choice(kStale, p.when_stale); }},
    {"clock_unsynced", false,
     [](const Field& f, AccessPoint& p) { f.choice(kUnsynced, p.clock_unsynced); }},
    {"plain_codes", false,
     [](const Field& f, AccessPoint& p) { f.choice(kPlainCodes, p.plain_codes); }},
});

}  // namespace

AccessPoint read_point(const TableView& t, Diagnostics& diag) {
    AccessPoint p;
    apply_rules<AccessPoint>(t, kPoint, p, diag);
    return p;
}

}  // namespace gw::config::detail
