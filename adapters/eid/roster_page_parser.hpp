#pragma once
// Decoder of roster pages (eid-sync-v1 §2) into core::RosterPage. Pure: no I/O.
//
// Strict at two levels:
// - page: not JSON, not an object, a missing/empty/non-string `cursor`, or a top-level field
//   of the wrong type (`site` not a string, `full`/`more` not booleans, `persons`/
//   `credentials` not arrays, `deleted` not an object of arrays) is an error: the caller
//   keeps its data and retries.
// - record: a person or credential with a bad field (id empty or over 64 bytes, unknown
//   role/status/kind, malformed date, valid_from after valid_to, a group that is not a
//   non-empty printable string, a missing or non-hex uid on nfc_uid/desfire) or a bad entry
//   in `deleted` is skipped and counted in RosterPage::rejected; the rest of the page is used.
// Unknown fields are ignored (forward compatibility). UIDs come out upper-case.
// Thread-safe (no shared state).
#include <string_view>
#include <vector>

#include "gateway/core/result.hpp"
#include "gateway/core/roster_page.hpp"

namespace gw::adp::eid {

/// One page object as served by GET /v1/sites/{site}/roster.
core::Result<core::RosterPage> parse_roster_page(std::string_view json);

/// `campusgw roster import FILE`: a file holding one page object or an array of pages
/// (applied in order). An error in any page fails the whole file.
core::Result<std::vector<core::RosterPage>> parse_roster_file(std::string_view json);

}  // namespace gw::adp::eid
