#pragma once
// Port: read access to the stored roster. Implemented by the SQLite store.
// Used only from the core loop thread. Lookups are synchronous and fast (indexed).
#include <optional>
#include <string>
#include <string_view>

#include "clock.hpp"
#include "credential.hpp"
#include "person.hpp"

namespace gw::core {

class RosterView {
public:
    virtual ~RosterView() = default;
    virtual std::optional<Credential> find_by_uid_key(std::string_view uid_key) = 0;
    virtual std::optional<Credential> find_credential(std::string_view id) = 0;
    virtual std::optional<Credential> find_by_ref(std::string_view ref) = 0;
    /// The credential of `kind` a person holds (an active one first); face terminals name
    /// people, not credentials.
    virtual std::optional<Credential> find_person_credential(std::string_view person_id,
                                                             CredentialKind kind) = 0;
    virtual std::optional<Person> find_person(std::string_view id) = 0;
    /// When the roster was last brought up to date (snapshot or delta applied), if ever.
    virtual std::optional<SysTime> roster_updated_at() = 0;
    virtual std::string roster_cursor() = 0;
};

}  // namespace gw::core
