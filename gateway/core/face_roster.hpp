#pragma once
// Port: the roster as face terminals need it: every `face` credential with its person, for
// the enrolment sync that keeps a terminal's person/face list equal to the roster.
// Implemented by the SQLite store on a connection of its own (adapters/store
// FaceRosterReader), so a device's worker thread may call it; one instance per thread.
// Blocking (a disk read of the face credentials, a few ms per thousand).
#include <vector>

#include "credential.hpp"
#include "person.hpp"
#include "result.hpp"
#include "zone.hpp"

namespace gw::core {

struct FaceEnrolment {
    Credential credential;  // kind face
    Person person;
};

class FaceRoster {
public:
    virtual ~FaceRoster() = default;
    virtual Result<std::vector<FaceEnrolment>> face_enrolments() = 0;
};

/// Who a terminal feeding points of `zones` must hold: active face credentials of active
/// persons that at least one of the zones admits (zone_admits), one per person, sorted by
/// person id.
std::vector<FaceEnrolment> terminal_members(const std::vector<FaceEnrolment>& all,
                                            const std::vector<Zone>& zones);

}  // namespace gw::core
