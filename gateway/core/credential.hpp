#pragma once
// A credential of the roster (eid-sync-v1 §2). UIDs are never held in clear: only the
// keyed hash (`uid_key`) and the short public tag (`ref`).
#include <optional>
#include <string>
#include <string_view>

namespace gw::core {

enum class CredentialKind { NfcUid, Desfire, EidQr, Face };
enum class CredentialStatus { Active, Lost, Suspended, Revoked };

std::string_view to_string(CredentialKind k);
std::string_view to_string(CredentialStatus s);
std::optional<CredentialKind> parse_credential_kind(std::string_view s);
std::optional<CredentialStatus> parse_credential_status(std::string_view s);

struct Credential {
    std::string id;          // opaque, <= 64 bytes
    std::string person_id;
    CredentialKind kind = CredentialKind::NfcUid;
    CredentialStatus status = CredentialStatus::Active;
    std::string uid_key;     // hex HMAC-SHA-256 of the UID (nfc_uid, desfire), else empty
    std::string ref;         // keyed hash tag published as credential.ref
    std::string photo_url;   // face only
};

}  // namespace gw::core
