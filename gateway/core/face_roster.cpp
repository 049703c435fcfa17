#include "face_roster.hpp"

#include <algorithm>

#include "policy_engine.hpp"

namespace gw::core {

std::vector<FaceEnrolment> terminal_members(const std::vector<FaceEnrolment>& all,
                                            const std::vector<Zone>& zones) {
    std::vector<FaceEnrolment> out;
    for (const auto& e : all) {
        if (e.credential.kind != CredentialKind::Face ||
            e.credential.status != CredentialStatus::Active ||
            e.person.status != PersonStatus::Active)
            continue;
        const bool admitted = std::any_of(zones.begin(), zones.end(),
                                          [&](const Zone& z) { return zone_admits(z, e.person); });
        if (admitted) out.push_back(e);
    }
    std::sort(out.begin(), out.end(), [](const FaceEnrolment& a, const FaceEnrolment& b) {
        return a.person.id < b.person.id ||
               (a.person.id == b.person.id && a.credential.id < b.credential.id);
    });
    out.erase(std::unique(out.begin(), out.end(),
                          [](const FaceEnrolment& a, const FaceEnrolment& b) {
                              return a.person.id == b.person.id;
                          }),
              out.end());
    return out;
}

}  // namespace gw::core
