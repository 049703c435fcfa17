#include "master_key_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "desfire_error.hpp"

namespace gw::dev::nfc::desfire {

namespace {

constexpr size_t kMaxFileSize = 256;  // 32 digits and some whitespace; anything bigger is wrong

core::Error bad(const std::string& what) {
    return core::Error{make_error_code(DesfireErrc::BadKeyFile), what};
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/// A file descriptor that closes itself.
struct Fd {
    int fd;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

}  // namespace

core::Result<AesKey> parse_master_key(std::string_view text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
        text.remove_suffix(1);
    if (text.size() != 2 * sizeof(AesKey)) return bad("expected 32 hex digits");
    AesKey key{};
    for (size_t i = 0; i < key.size(); ++i) {
        const int hi = hex_value(text[2 * i]), lo = hex_value(text[2 * i + 1]);
        if (hi < 0 || lo < 0) return bad("expected 32 hex digits");
        key[i] = static_cast<uint8_t>(hi << 4 | lo);
    }
    return key;
}

core::Result<AesKey> load_master_key(const std::string& path) {
    Fd f{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
    if (f.fd < 0) return core::Error{std::error_code(errno, std::system_category()), path};
    struct stat st {};
    if (::fstat(f.fd, &st) != 0)
        return core::Error{std::error_code(errno, std::system_category()), path};
    if (!S_ISREG(st.st_mode)) return bad(path + " is not a regular file");
    if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
        return bad(path + " is accessible to group or others (expected mode 0600)");
    char buf[kMaxFileSize];
    const ssize_t n = ::read(f.fd, buf, sizeof buf);
    if (n < 0) return core::Error{std::error_code(errno, std::system_category()), path};
    auto key = parse_master_key(std::string_view(buf, static_cast<size_t>(n)));
    if (!key) return bad(path + ": " + key.error().context);
    return key;
}

}  // namespace gw::dev::nfc::desfire
