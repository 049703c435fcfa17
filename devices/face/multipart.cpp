#include "multipart.hpp"

#include <algorithm>
#include <cctype>

namespace gw::dev::face {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

/// The value of `param` in a header value like `form-data; name="x"; filename=y`.
std::string_view header_param(std::string_view value, std::string_view param) {
    size_t pos = 0;
    while ((pos = value.find(';', pos)) != std::string_view::npos) {
        auto rest = trim(value.substr(pos + 1));
        const auto eq = rest.find('=');
        if (eq != std::string_view::npos && iequals(trim(rest.substr(0, eq)), param)) {
            auto v = trim(rest.substr(eq + 1));
            if (!v.empty() && v.front() == '"') {
                const auto close = v.find('"', 1);
                return close == std::string_view::npos ? std::string_view{} : v.substr(1, close - 1);
            }
            return trim(v.substr(0, v.find(';')));
        }
        ++pos;
    }
    return {};
}

/// Reads the part's headers (lines up to an empty line) into `part`; false when malformed.
bool read_part_headers(std::string_view headers, MultipartPart& part) {
    while (!headers.empty()) {
        const auto eol = headers.find('\n');
        auto line = trim(headers.substr(0, eol));
        headers = eol == std::string_view::npos ? std::string_view{} : headers.substr(eol + 1);
        if (line.empty()) continue;
        const auto colon = line.find(':');
        if (colon == std::string_view::npos) return false;
        const auto name = trim(line.substr(0, colon));
        const auto value = trim(line.substr(colon + 1));
        if (iequals(name, "content-type")) part.content_type = trim(value.substr(0, value.find(';')));
        if (iequals(name, "content-disposition")) part.name = header_param(value, "name");
    }
    return true;
}

}  // namespace

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

std::optional<std::string> multipart_boundary(std::string_view content_type) {
    const auto media = trim(content_type.substr(0, content_type.find(';')));
    if (media.size() < 10 || !iequals(media.substr(0, 10), "multipart/")) return std::nullopt;
    auto b = header_param(content_type, "boundary");
    if (b.empty() || b.size() > 70) return std::nullopt;
    return std::string(b);
}

MultipartResult parse_multipart(std::string_view body, std::string_view boundary,
                                size_t max_parts) {
    MultipartResult r;
    const std::string delim = "--" + std::string(boundary);
    size_t pos = body.find(delim);
    if (pos == std::string_view::npos) {
        r.error = "no boundary in body";
        return r;
    }
    while (true) {
        pos += delim.size();
        if (body.substr(pos, 2) == "--") return r;  // closing delimiter
        const auto head_start = body.find('\n', pos);
        if (head_start == std::string_view::npos) break;
        const auto next = body.find(delim, head_start);
        if (next == std::string_view::npos) break;
        auto part_text = body.substr(head_start + 1, next - head_start - 1);
        if (part_text.size() >= 2 && part_text.substr(part_text.size() - 2) == "\r\n")
            part_text.remove_suffix(2);
        else if (!part_text.empty() && part_text.back() == '\n')
            part_text.remove_suffix(1);
        auto sep = part_text.find("\r\n\r\n");
        size_t sep_len = 4;
        if (sep == std::string_view::npos) {
            sep = part_text.find("\n\n");
            sep_len = 2;
        }
        MultipartPart part;
        if (sep == std::string_view::npos || !read_part_headers(part_text.substr(0, sep), part)) {
            r.error = "malformed part headers";
            return r;
        }
        part.body = part_text.substr(sep + sep_len);
        if (r.parts.size() == max_parts) {
            r.error = "too many parts";
            return r;
        }
        r.parts.push_back(part);
        pos = next;
    }
    r.error = "unterminated multipart body";
    return r;
}

}  // namespace gw::dev::face
