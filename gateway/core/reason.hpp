#pragma once
// Stable reason codes of mqtt-v1 §2. Defined once here; docs/reason-codes.md lists them.
#include <string_view>

namespace gw::core {

enum class Reason {
    Ok,
    UnknownCredential,
    Revoked,
    Lost,
    Suspended,
    PersonInactive,
    NotPermitted,
    OutsideHours,
    Curfew,
    QuotaExceeded,
    Antipassback,
    NoSession,
    Malformed,
    CardAuthFailed,
    UnknownIssuer,
    BadSignature,
    CredentialExpired,
    NotYetValid,
    TokenExpired,
    TokenReplayed,
    RosterStale,
    ClockUnsynced,
    FaceScoreLow,
};

std::string_view to_string(Reason r);

}  // namespace gw::core
