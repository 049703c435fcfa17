#pragma once
// Renumbering an event that is already rendered. Outbox payloads carry their seq once, at
// the top level, as `"seq":N` (JsonWriter). Needed when a restarted gateway learns that an
// earlier run published seqs its disk never held (docs/reliability.md, "seqs after events
// held only in memory"): the events it appended meanwhile move past them.
#include <cstdint>
#include <string>
#include <string_view>

namespace gw::core {

/// `payload` with its `"seq":from` replaced by `"seq":to` (the first occurrence followed by
/// a non-digit); unchanged when it has none.
std::string with_seq(std::string_view payload, uint64_t from, uint64_t to);

}  // namespace gw::core
