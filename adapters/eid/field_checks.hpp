#pragma once
// Field-level checks shared by the e-ID decoders. Pure; thread-safe.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace gw::adp::eid {

/// Ids of persons, credentials and sessions are opaque, 1..64 bytes (eid-sync-v1 §8).
constexpr size_t kMaxIdBytes = 64;
/// Groups, point ids, titles, display names: generous caps against garbage.
constexpr size_t kMaxNameBytes = 256;
/// The cursor is opaque too; a bound keeps a broken server from filling the store.
constexpr size_t kMaxCursorBytes = 256;

/// No ASCII control characters (the store joins groups with U+001F).
bool printable(std::string_view s);
/// 1..kMaxIdBytes bytes, printable.
bool valid_id(std::string_view s);
/// 1..kMaxNameBytes bytes, printable.
bool valid_name(std::string_view s);
/// A card UID: hex digits without separators, 4..16 bytes (8..32 digits, even).
/// Returns it upper-cased (the spec sends upper case; lower case is accepted).
std::optional<std::string> normalise_uid(std::string_view s);

}  // namespace gw::adp::eid
