#pragma once
// Helpers to run the real `campusgw` executable in end-to-end tests. Its stdout and stderr
// go to a file the test reads: what an admin would see in the journal.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/child_process.hpp"

namespace gw::test {

inline std::string campusgw_path() { return std::string(GW_BINARY_DIR) + "/gateway/app/campusgw"; }

inline std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

struct CommandResult {
    int exit_code = -1;
    std::string output;  // stdout and stderr together
};

/// Runs `campusgw args...` to completion (30 s at most).
inline CommandResult run_campusgw(const std::vector<std::string>& args,
                                  const std::filesystem::path& dir) {
    const auto out = dir / "cmd.out";
    std::filesystem::remove(out);
    std::vector<std::string> argv{campusgw_path()};
    argv.insert(argv.end(), args.begin(), args.end());
    const int rc = ChildProcess::run(argv, out, std::chrono::seconds(30));
    return {rc, slurp(out)};
}

/// A running `campusgw run --config FILE`.
class GatewayProcess {
public:
    GatewayProcess(const std::filesystem::path& config, std::filesystem::path log)
        : log_(std::move(log)),
          proc_(ChildProcess::spawn({campusgw_path(), "run", "--config", config.string()}, log_)) {}

    ChildProcess& process() { return proc_; }
    std::string log() const { return slurp(log_); }
    bool wait_log(const std::string& text, std::chrono::milliseconds timeout) const {
        const auto end = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < end) {
            if (log().find(text) != std::string::npos) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return false;
    }

private:
    std::filesystem::path log_;
    ChildProcess proc_;
};

}  // namespace gw::test
