#pragma once
// A person of the roster (eid-sync-v1 §2). Plain data; no name or ID number is kept.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gw::core {

enum class Role { Student, Staff, Visitor };
enum class PersonStatus { Active, Suspended, Graduated, Left };

std::string_view to_string(Role r);
std::string_view to_string(PersonStatus s);
std::optional<Role> parse_role(std::string_view s);
std::optional<PersonStatus> parse_person_status(std::string_view s);

struct Person {
    std::string id;                    // opaque, <= 64 bytes
    Role role = Role::Student;
    PersonStatus status = PersonStatus::Active;
    std::vector<std::string> groups;   // free-form, e.g. "dorm:3", "class:2024-cs-1"
    int32_t valid_from = INT32_MIN;    // days since epoch, inclusive (site time zone)
    int32_t valid_to = INT32_MAX;      // days since epoch, inclusive
    std::string display;               // masked name for terminal screens; never in events

    bool in_group(std::string_view g) const;
};

}  // namespace gw::core
