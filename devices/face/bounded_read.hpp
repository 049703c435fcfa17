#pragma once
// Reading an HTTP body (a terminal's push, or its answer to us) without letting a peer make
// us buffer more than a bound.
#include <cstddef>
#include <istream>
#include <string>

namespace gw::dev::face {

/// Appends the rest of `in` to `out`; false as soon as `out` exceeds `max` bytes.
inline bool read_bounded(std::istream& in, size_t max, std::string& out) {
    char buf[8192];
    while (in) {
        in.read(buf, sizeof buf);
        out.append(buf, static_cast<size_t>(in.gcount()));
        if (out.size() > max) return false;
    }
    return true;
}

}  // namespace gw::dev::face
