#include "key_file.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <fstream>
#include <sstream>

namespace gw::app {
namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

core::Error bad(const std::string& what) { return {std::make_error_code(std::errc::invalid_argument), what}; }

}  // namespace

core::Result<Key32> parse_key_text(std::string_view text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
    if (text.size() != 64) return bad("expected 64 hex digits");
    Key32 key{};
    for (size_t i = 0; i < key.size(); ++i) {
        const int hi = hex_digit(text[2 * i]);
        const int lo = hex_digit(text[2 * i + 1]);
        if (hi < 0 || lo < 0) return bad("expected 64 hex digits");
        key[i] = static_cast<uint8_t>(hi * 16 + lo);
    }
    return key;
}

core::Result<Key32> read_key_file(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return core::Error{std::error_code(errno, std::system_category()), "key file " + path};
    if (!S_ISREG(st.st_mode)) return bad("key file " + path + " is not a regular file");
    if ((st.st_mode & 077) != 0)
        return bad("key file " + path + " is readable by others: chmod 600 it");
    std::ifstream in(path, std::ios::binary);
    if (!in) return core::Error{std::make_error_code(std::errc::permission_denied), "key file " + path};
    std::ostringstream ss;
    ss << in.rdbuf();
    auto key = parse_key_text(ss.str());
    if (!key) return bad("key file " + path + ": " + key.error().context);
    return key;
}

}  // namespace gw::app
