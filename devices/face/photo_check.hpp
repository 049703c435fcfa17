#pragma once
// The checks an enrolment photo must pass before it goes to a terminal
// (credentials.md §5): a JPEG, no larger than the terminal's limit, at least 80 px on
// each side, and it decodes completely. The photo is only read in memory; nothing is
// written anywhere. Pure (libjpeg decoding into a scratch row); thread-safe.
#include <cstddef>
#include <string>
#include <string_view>

namespace gw::dev::face {

struct PhotoLimits {
    size_t max_bytes = 200 * 1024;  // Hikvision FDLib: 200 KB
    int min_side = 80;              // pixels
    int max_side = 4096;
};

struct PhotoVerdict {
    bool ok = false;
    std::string reason;  // stable code when refused: photo_not_jpeg, photo_too_large,
                         // photo_too_small, photo_undecodable
    std::string detail;  // human detail (sizes), no photo content
    int width = 0;
    int height = 0;
};

PhotoVerdict check_photo(std::string_view bytes, const PhotoLimits& limits);

}  // namespace gw::dev::face
