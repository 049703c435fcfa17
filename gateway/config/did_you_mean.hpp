#pragma once
// "did you mean" suggestions for misspelt keys and values (optimal string alignment
// distance: insert, delete, substitute, swap two neighbours, each costs 1).
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace gw::config::detail {

/// Edit distance between a and b, case-insensitive for ASCII.
size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word` when it is a near miss: distance 1 for words of up to 3
/// characters, 2 up to 12, 3 beyond. Ties go to the earlier candidate.
std::optional<std::string_view> did_you_mean(std::string_view word,
                                             std::span<const std::string_view> candidates);

}  // namespace gw::config::detail
