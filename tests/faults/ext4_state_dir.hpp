#pragma once
// Ext4StateDir: the gateway's state directory on a real ext4 file system in a 64 MB file,
// loop-mounted in a private mount namespace (invisible outside the test process, gone with
// it), so a test can make it read-only the ways a disk does. Needs root and loop devices:
// mount_sandbox_unavailable() (tests/support/mount_sandbox.hpp) says why not, and the
// tests then skip with a message.
#include <sys/mount.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "tests/integration/daemon/gateway_process.hpp"
#include "tests/support/mount_sandbox.hpp"

namespace gw::test {

/// Runs a system tool to completion (60 s at most); -1 if it could not run.
inline int run_tool(const std::vector<std::string>& argv, const std::filesystem::path& log) {
    try {
        return ChildProcess::run(argv, log, std::chrono::seconds(60));
    } catch (const std::exception&) {
        return -1;
    }
}

/// An ext4 file system in a file, loop-mounted at the state directory; unmounted (lazily:
/// the gateway may still hold it) when destroyed.
struct Ext4StateDir {
    std::filesystem::path mount_point;
    bool mounted = false;

    void mount_at(const std::filesystem::path& state) {
        const auto image = state.parent_path() / "state.ext4";
        const auto log = state.parent_path() / "mount.log";
        std::ofstream(image).close();
        std::filesystem::resize_file(image, 64u << 20);
        BOOST_TEST_REQUIRE(run_tool({"mkfs.ext4", "-q", "-F", image.string()}, log) == 0,
                           slurp(log));
        std::filesystem::create_directories(state);
        BOOST_TEST_REQUIRE(run_tool({"mount", "-o", "loop,errors=remount-ro", image.string(),
                                     state.string()}, log) == 0, slurp(log));
        std::filesystem::permissions(state, std::filesystem::perms(0700));
        mount_point = state;
        mounted = true;
    }
    /// `mount -o remount,ro` (or rw): what an admin, or a boot with a read-only SD card,
    /// does. Linux refuses it (EBUSY) while a file on it is open for writing.
    void remount(bool read_only) const {
        const auto log = mount_point.parent_path() / "remount.log";
        BOOST_TEST_REQUIRE(run_tool({"mount", "-o", read_only ? "remount,ro" : "remount,rw",
                                     mount_point.string()}, log) == 0, slurp(log));
    }
    /// What the kernel does on an ext4 error with errors=remount-ro (a failing disk): the
    /// file system turns read-only at once, open files included, until it is unmounted.
    void force_read_only() const {
        const auto log = mount_point.parent_path() / "findmnt.log";
        BOOST_TEST_REQUIRE(
            run_tool({"findmnt", "-n", "-o", "SOURCE", mount_point.string()}, log) == 0);
        auto dev = std::filesystem::path(slurp(log).substr(0, slurp(log).find('\n'))).filename();
        std::ofstream("/sys/fs/ext4/" + dev.string() + "/trigger_fs_error")
            << "campusgw fault test";
    }
    /// The admin's repair: unmount, fsck, mount again.
    void repair() const {
        const auto log = mount_point.parent_path() / "repair.log";
        const auto image = mount_point.parent_path() / "state.ext4";
        BOOST_TEST_REQUIRE(run_tool({"umount", mount_point.string()}, log) == 0, slurp(log));
        run_tool({"e2fsck", "-fy", image.string()}, log);  // exit 1: errors corrected
        BOOST_TEST_REQUIRE(run_tool({"mount", "-o", "loop,errors=remount-ro", image.string(),
                                     mount_point.string()}, log) == 0, slurp(log));
    }
    /// chattr ±i on the directory and every file in it but SQLite's shared-memory index
    /// (mapped into the gateway's memory; not data).
    int immutable(bool on) const {
        std::vector<std::string> argv{"chattr", on ? "+i" : "-i", mount_point.string()};
        for (const auto& e : std::filesystem::directory_iterator(mount_point))
            if (e.is_regular_file() && e.path().string().ends_with("-shm") == false)
                argv.push_back(e.path().string());
        return run_tool(argv, mount_point.parent_path() / "chattr.log");
    }
    ~Ext4StateDir() {
        if (!mounted) return;
        immutable(false);
        umount2(mount_point.c_str(), MNT_DETACH);
        std::error_code ec;  // the world could not remove its directory while mounted
        std::filesystem::remove_all(mount_point.parent_path(), ec);
    }
};

}  // namespace gw::test
