// String forms of the core enums: one table per enum, used both ways.
#include <array>
#include <utility>

#include "access_point.hpp"
#include "credential.hpp"
#include "device.hpp"
#include "person.hpp"
#include "reason.hpp"
#include "zone.hpp"

namespace gw::core {

namespace {

template <class E, size_t N>
using Names = std::array<std::pair<E, std::string_view>, N>;

template <class E, size_t N>
std::string_view name_of(const Names<E, N>& t, E e) {
    for (const auto& [k, v] : t)
        if (k == e) return v;
    return "unknown";
}

template <class E, size_t N>
std::optional<E> parse_of(const Names<E, N>& t, std::string_view s) {
    for (const auto& [k, v] : t)
        if (v == s) return k;
    return std::nullopt;
}

constexpr Names<Reason, 23> kReasons{{
    {Reason::Ok, "ok"},
    {Reason::UnknownCredential, "unknown_credential"},
    {Reason::Revoked, "revoked"},
    {Reason::Lost, "lost"},
    {Reason::Suspended, "suspended"},
    {Reason::PersonInactive, "person_inactive"},
    {Reason::NotPermitted, "not_permitted"},
    {Reason::OutsideHours, "outside_hours"},
    {Reason::Curfew, "curfew"},
    {Reason::QuotaExceeded, "quota_exceeded"},
    {Reason::Antipassback, "antipassback"},
    {Reason::NoSession, "no_session"},
    {Reason::Malformed, "malformed"},
    {Reason::CardAuthFailed, "card_auth_failed"},
    {Reason::UnknownIssuer, "unknown_issuer"},
    {Reason::BadSignature, "bad_signature"},
    {Reason::CredentialExpired, "credential_expired"},
    {Reason::NotYetValid, "not_yet_valid"},
    {Reason::TokenExpired, "token_expired"},
    {Reason::TokenReplayed, "token_replayed"},
    {Reason::RosterStale, "roster_stale"},
    {Reason::ClockUnsynced, "clock_unsynced"},
    {Reason::FaceScoreLow, "face_score_low"},
}};

constexpr Names<Role, 3> kRoles{{
    {Role::Student, "student"}, {Role::Staff, "staff"}, {Role::Visitor, "visitor"}}};

constexpr Names<PersonStatus, 4> kPersonStatus{{{PersonStatus::Active, "active"},
                                                 {PersonStatus::Suspended, "suspended"},
                                                 {PersonStatus::Graduated, "graduated"},
                                                 {PersonStatus::Left, "left"}}};

constexpr Names<CredentialKind, 4> kCredKinds{{{CredentialKind::NfcUid, "nfc_uid"},
                                                {CredentialKind::Desfire, "desfire"},
                                                {CredentialKind::EidQr, "eid_qr"},
                                                {CredentialKind::Face, "face"}}};

constexpr Names<CredentialStatus, 4> kCredStatus{{{CredentialStatus::Active, "active"},
                                                   {CredentialStatus::Lost, "lost"},
                                                   {CredentialStatus::Suspended, "suspended"},
                                                   {CredentialStatus::Revoked, "revoked"}}};

constexpr Names<ZoneKind, 7> kZoneKinds{{{ZoneKind::Dorm, "dorm"},
                                         {ZoneKind::Canteen, "canteen"},
                                         {ZoneKind::Library, "library"},
                                         {ZoneKind::Attendance, "attendance"},
                                         {ZoneKind::Venue, "venue"},
                                         {ZoneKind::Gate, "gate"},
                                         {ZoneKind::Other, "other"}}};

constexpr Names<Direction, 3> kDirections{
    {{Direction::In, "in"}, {Direction::Out, "out"}, {Direction::Both, "both"}}};

constexpr Names<Availability, 3> kAvailability{{{Availability::Unknown, "unknown"},
                                                {Availability::Online, "online"},
                                                {Availability::Offline, "offline"}}};

}  // namespace

std::string_view to_string(Reason r) { return name_of(kReasons, r); }
std::string_view to_string(Role r) { return name_of(kRoles, r); }
std::string_view to_string(PersonStatus s) { return name_of(kPersonStatus, s); }
std::string_view to_string(CredentialKind k) { return name_of(kCredKinds, k); }
std::string_view to_string(CredentialStatus s) { return name_of(kCredStatus, s); }
std::string_view to_string(ZoneKind k) { return name_of(kZoneKinds, k); }
std::string_view to_string(Direction d) { return name_of(kDirections, d); }
std::string_view to_string(Availability a) { return name_of(kAvailability, a); }

std::optional<Role> parse_role(std::string_view s) { return parse_of(kRoles, s); }
std::optional<PersonStatus> parse_person_status(std::string_view s) {
    return parse_of(kPersonStatus, s);
}
std::optional<CredentialKind> parse_credential_kind(std::string_view s) {
    return parse_of(kCredKinds, s);
}
std::optional<CredentialStatus> parse_credential_status(std::string_view s) {
    return parse_of(kCredStatus, s);
}
std::optional<ZoneKind> parse_zone_kind(std::string_view s) { return parse_of(kZoneKinds, s); }

bool Person::in_group(std::string_view g) const {
    for (const auto& x : groups)
        if (x == g) return true;
    return false;
}

}  // namespace gw::core
