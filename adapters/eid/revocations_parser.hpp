#pragma once
// Decoder of GET /v1/revocations answers (eid-sync-v1 §5) into core::RevocationPage, and of
// the change notifications of §6. Pure: no I/O. Thread-safe.
//
// A page must be an object with a non-empty string `cursor` (at most 256 bytes); `full`
// and `more` booleans if present; `revoked`/`restored` arrays if present. A cid that is
// not 1..64 lower-case hex digits is skipped and counted in `rejected`.
#include <optional>
#include <string>
#include <string_view>

#include "gateway/core/result.hpp"
#include "gateway/core/revocation_page.hpp"

namespace gw::adp::eid {

core::Result<core::RevocationPage> parse_revocations(std::string_view json);

/// A change notification: `{"cursor": "…"}` (site topic) or `{"revocations": "…"}`
/// (global topic). Either member may be absent; anything not a JSON object is nullopt.
struct Notification {
    std::optional<std::string> roster_cursor;
    std::optional<std::string> revocations_cursor;
};
std::optional<Notification> parse_notification(std::string_view json);

}  // namespace gw::adp::eid
