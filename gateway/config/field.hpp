#pragma once
// Field: one value in the config being read into a struct member. Each reader checks the
// TOML type and the range, reports "expected ..." at the value's place under the key's
// dotted path, and returns false (leaving `out` untouched) when the value is unusable.
#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "diagnostics.hpp"
#include "did_you_mean.hpp"

namespace gw::config::detail {

/// A name the admin writes and the enum value it stands for.
template <class E>
using Choice = std::pair<std::string_view, E>;

class Field {
public:
    Field(const toml::node& value, std::string path, Diagnostics& diag)
        : value_(value), path_(std::move(path)), diag_(diag) {}

    const toml::node& value() const { return value_; }
    const std::string& path() const { return path_; }
    Diagnostics& diag() const { return diag_; }
    /// Reports an error at this value.
    void fail(std::string message) const;

    bool text(std::string& out) const;
    bool nonempty(std::string& out) const;
    /// An id: [a-z0-9._-]{1,64}.
    bool id(std::string& out) const;
    /// A file path: non-empty. The file itself is not opened (see docs/config.md).
    bool file(std::string& out) const;
    bool flag(bool& out) const;
    bool integer(int64_t& out, int64_t lo, int64_t hi) const;
    /// A float; an integer is accepted too (1 reads as 1.0).
    bool number(double& out, double lo, double hi) const;
    bool text_list(std::vector<std::string>& out) const;
    bool duration(std::chrono::milliseconds& out, std::chrono::milliseconds lo,
                  std::chrono::milliseconds hi) const;
    /// A duration in whole units of `unit` (e.g. seconds), returned as a count of them.
    bool whole_duration(int64_t& out, std::chrono::milliseconds unit,
                        std::chrono::milliseconds lo, std::chrono::milliseconds hi) const;
    /// "HH:MM" into minutes of day (00:00..24:00).
    bool time_of_day(int& out) const;
    /// One of `names`; the index of the match.
    bool one_of(std::span<const std::string_view> names, size_t& index) const;

    template <class E, size_t N>
    bool choice(const std::array<Choice<E>, N>& choices, E& out) const {
        std::array<std::string_view, N> names;
        for (size_t i = 0; i < N; ++i) names[i] = choices[i].first;
        size_t index = 0;
        if (!one_of(names, index)) return false;
        out = choices[index].second;
        return true;
    }

    const toml::table* table() const;
    const toml::array* array() const;
    /// The i-th element of an array (0-based), with path "key[i+1]" (1-based for admins).
    Field element(const toml::array& array, size_t i) const;

private:
    const std::string* string_value() const;

    const toml::node& value_;
    std::string path_;
    Diagnostics& diag_;
};

/// "a string", "an integer", ... for messages.
std::string describe(const toml::node& value);

/// Whether `s` matches [a-z0-9._-]{1,64}.
bool valid_id(std::string_view s);

}  // namespace gw::config::detail
