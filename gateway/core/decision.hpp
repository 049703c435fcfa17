#pragma once
// The outcome of the policy engine for one presentation.
#include <optional>
#include <string>
#include <vector>

#include "credential.hpp"
#include "person.hpp"
#include "reason.hpp"

namespace gw::core {

enum class Verdict { Allow, Deny };
enum class DecisionMode { Local, Degraded };

struct MealInfo {
    std::string window;
    int count = 0;   // this person's taps in the window today, including this one
};

struct AttendanceInfo {
    std::string session;
    std::string status;  // "present" | "late"
};

struct VenueInfo {
    std::string code;
    std::string category;
};

struct Decision {
    Verdict verdict = Verdict::Deny;
    Reason reason = Reason::UnknownCredential;
    DecisionMode mode = DecisionMode::Local;
    std::vector<std::string> flags;
    std::optional<Credential> credential;  // the matched credential, if any
    std::optional<Person> person;          // the matched person, if any
    std::string credential_kind;           // as published; known even without a match
    std::string credential_ref;            // keyed hash tag; never the raw UID
    std::optional<MealInfo> meal;
    std::optional<AttendanceInfo> attendance;
    std::optional<VenueInfo> venue;

    bool allowed() const { return verdict == Verdict::Allow; }
};

}  // namespace gw::core
