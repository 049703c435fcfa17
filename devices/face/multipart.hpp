#pragma once
// Pure codec for multipart bodies (RFC 2046 / RFC 7578) as face terminals send them:
// the boundary from the Content-Type, then parts of "headers CRLF CRLF body". Bytes in,
// parts out; no I/O. A body that is not well formed is an error with a reason, never a
// crash. Fuzzed together with the Hikvision event parser.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gw::dev::face {

struct MultipartPart {
    std::string_view name;          // from Content-Disposition, may be empty
    std::string_view content_type;  // may be empty
    std::string_view body;          // a view into the parsed buffer
};

struct MultipartResult {
    std::vector<MultipartPart> parts;
    std::string error;  // set when the body is not a multipart body
};

/// The boundary parameter of a multipart Content-Type, or nullopt.
std::optional<std::string> multipart_boundary(std::string_view content_type);

/// Splits `body` (which must outlive the result) at `boundary`. At most `max_parts` parts.
MultipartResult parse_multipart(std::string_view body, std::string_view boundary,
                                size_t max_parts = 16);

/// Case-insensitive ASCII comparison of a header name or media type.
bool iequals(std::string_view a, std::string_view b);

}  // namespace gw::dev::face
