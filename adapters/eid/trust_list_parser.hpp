#pragma once
// Decoder of the trust list body (eid-sync-v1 §4) into core::TrustList. Pure: no I/O, no
// signature check (the caller verifies the exact body bytes first, then parses).
//
// The body must be an object with an integer `version` >= 1 and a `keys` array (otherwise
// an error). A key with a bad field — `kid` not unpadded base64url of 8 bytes, `alg` other
// than "ES256", `spki` not base64, `not_before`/`not_after` not RFC 3339 or in the wrong
// order — is skipped and counted in `rejected`. Unknown fields are ignored. Thread-safe.
#include <string_view>

#include "gateway/core/result.hpp"
#include "gateway/core/trust_list.hpp"

namespace gw::adp::eid {

core::Result<core::TrustList> parse_trust_list(std::string_view json);

}  // namespace gw::adp::eid
