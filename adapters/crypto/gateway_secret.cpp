#include "gateway_secret.hpp"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

#include "crypto_error.hpp"

namespace gw::adp::crypto {
namespace {

using Key = std::array<uint8_t, GatewaySecret::kSize>;

/// A file descriptor that closes itself.
class Fd {
public:
    explicit Fd(int fd) : fd_(fd) {}
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return fd_; }
    int release() {
        const int fd = fd_;
        fd_ = -1;
        return fd;
    }

private:
    int fd_;
};

core::Error sys_error(int err, const std::string& what) {
    return core::Error{std::error_code(err, std::system_category()), what};
}

core::Error crypto_error(CryptoErrc e, const std::string& what) {
    return core::Error{make_error_code(e), what};
}

bool read_all(int fd, uint8_t* p, size_t n, size_t& got) {
    got = 0;
    while (got < n) {
        const ssize_t r = ::read(fd, p + got, n - got);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) return false;
        if (r == 0) break;
        got += static_cast<size_t>(r);
    }
    return true;
}

bool write_all(int fd, const uint8_t* p, size_t n) {
    while (n > 0) {
        const ssize_t r = ::write(fd, p, n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return false;
        p += r;
        n -= static_cast<size_t>(r);
    }
    return true;
}

/// Result of trying to open an existing key: the key, "absent", or an error.
struct Loaded {
    bool absent = false;
};

core::Result<Loaded> load(const std::string& path, Key& key) {
    Fd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
    if (fd.get() < 0) {
        if (errno == ENOENT) return Loaded{true};
        return sys_error(errno, "open " + path);
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) return sys_error(errno, "stat " + path);
    if (!S_ISREG(st.st_mode)) return crypto_error(CryptoErrc::KeyNotRegularFile, path);
    if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
        return crypto_error(CryptoErrc::KeyInsecurePermissions, path);
    if (st.st_size != static_cast<off_t>(GatewaySecret::kSize))
        return crypto_error(CryptoErrc::KeyWrongSize, path);
    size_t got = 0;
    if (!read_all(fd.get(), key.data(), key.size(), got)) return sys_error(errno, "read " + path);
    if (got != key.size()) return crypto_error(CryptoErrc::KeyWrongSize, path);
    return Loaded{false};
}

core::Status fsync_dir(const std::string& dir) {
    Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() < 0) return sys_error(errno, "open " + dir);
    if (::fsync(fd.get()) != 0) return sys_error(errno, "fsync " + dir);
    return core::Ok{};
}

/// Writes `key` to a fresh 0600 temporary file next to `path` and fsyncs it.
core::Result<std::string> write_temp(const std::string& path, const Key& key) {
    std::string tmpl = path + ".tmp-XXXXXX";
    std::vector<char> buf(tmpl.begin(), tmpl.end());
    buf.push_back('\0');
    Fd fd(::mkostemp(buf.data(), O_CLOEXEC));  // mkostemp creates with mode 0600
    if (fd.get() < 0) return sys_error(errno, "create " + tmpl);
    const std::string tmp(buf.data());
    const bool ok = ::fchmod(fd.get(), S_IRUSR | S_IWUSR) == 0 &&
                    write_all(fd.get(), key.data(), key.size()) && ::fsync(fd.get()) == 0;
    const int err = errno;
    if (::close(fd.release()) != 0 || !ok) {
        ::unlink(tmp.c_str());
        return sys_error(ok ? errno : err, "write " + tmp);
    }
    return tmp;
}

/// Moves `tmp` to `path` unless `path` exists; `exists` tells which happened.
core::Status install(const std::string& tmp, const std::string& path, bool& exists) {
    exists = false;
    int rc = ::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE);
    if (rc != 0 && (errno == EINVAL || errno == ENOSYS)) {
        // File system without RENAME_NOREPLACE: link(2) also refuses to replace.
        rc = ::link(tmp.c_str(), path.c_str());
        if (rc == 0 || errno == EEXIST) ::unlink(tmp.c_str());
    }
    if (rc != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        if (err == EEXIST) {
            exists = true;  // another process created it first: use theirs
            return core::Ok{};
        }
        return sys_error(err, "rename " + tmp);
    }
    return core::Ok{};
}

core::Status create(const std::string& dir, const std::string& path, bool& raced) {
    Key fresh{};
    if (RAND_bytes(fresh.data(), static_cast<int>(fresh.size())) != 1)
        return crypto_error(CryptoErrc::RandomFailed, "generate " + path);
    auto tmp = write_temp(path, fresh);
    OPENSSL_cleanse(fresh.data(), fresh.size());
    if (!tmp) return tmp.error();
    if (auto st = install(tmp.value(), path, raced); !st) return st;
    return fsync_dir(dir);
}

}  // namespace

core::Result<Key> GatewaySecret::load_or_create(const std::string& state_dir) {
    const std::string dir = state_dir.empty() ? "." : state_dir;
    const std::string path = dir + "/" + kFileName;
    Key key{};
    for (int attempt = 0; attempt < 2; ++attempt) {
        auto loaded = load(path, key);
        if (!loaded) return loaded.error();
        if (!loaded->absent) return key;
        bool raced = false;
        if (auto st = create(dir, path, raced); !st) return st.error();
        // Read back what is on disk (ours, or a concurrent creator's): one code path
        // checks size and mode for both.
    }
    return sys_error(ENOENT, "open " + path);
}

}  // namespace gw::adp::crypto
