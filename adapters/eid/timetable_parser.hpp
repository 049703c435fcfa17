#pragma once
// Decoder of the timetable (eid-sync-v1 §3) into core::Session values. Pure: no I/O.
//
// The body must be a JSON object with a `sessions` array (otherwise an error). A session
// with a bad field — id not 1..64 bytes, title not a string, group missing or empty,
// `points` not a non-empty array of ids, start/end not RFC 3339 with an offset, end not
// after start — is skipped and counted in `rejected`. Unknown fields are ignored.
// Thread-safe (no shared state).
#include <cstddef>
#include <string_view>
#include <vector>

#include "gateway/core/result.hpp"
#include "gateway/core/session.hpp"

namespace gw::adp::eid {

/// Sessions in the order served. `rejected`, when given, receives the number skipped.
core::Result<std::vector<core::Session>> parse_timetable(std::string_view json,
                                                         size_t* rejected = nullptr);

}  // namespace gw::adp::eid
