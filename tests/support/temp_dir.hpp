#pragma once
// TempDir: a fresh directory under $TMPDIR (or /tmp), removed with everything in it when
// the object dies. Move-only. Throws std::runtime_error when it cannot be created.
#include <filesystem>
#include <string>
#include <string_view>

namespace gw::test {

class TempDir {
public:
    explicit TempDir(std::string_view prefix = "campusgw-test");
    ~TempDir();
    TempDir(TempDir&& other) noexcept;
    TempDir& operator=(TempDir&& other) noexcept;
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(std::string_view name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

}  // namespace gw::test
