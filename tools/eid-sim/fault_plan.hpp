#pragma once
// FaultPlan: misbehaviour on demand for the e-ID simulator, set through its admin endpoint.
// A fault applies to API requests whose path contains `path` (empty: any), after `skip`
// matching requests, for `count` requests (0: until cleared):
//   status         answer `status` (500, 401, 503 …) with a short body
//   slow           wait `delay_ms`, then answer normally
//   truncate       announce the full Content-Length, send half the body, close
//   bad_signature  a trust list whose signature does not verify
//   old_version    a trust list with `version` (a lower one than served before)
// Thread-safe.
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

namespace gw::tools::eidsim {

struct Fault {
    std::string mode;
    std::string path;
    int status = 500;
    int delay_ms = 0;
    long long version = 0;
    uint64_t skip = 0;
    uint64_t count = 1;
};

class FaultPlan {
public:
    /// Parses a fault from JSON; throws std::invalid_argument on a bad one.
    void set(const std::string& json_text);
    void clear();
    /// The fault for this request, if any (consumes one of its `count`).
    std::optional<Fault> take(const std::string& path);

private:
    std::mutex mutex_;
    std::optional<Fault> fault_;
    uint64_t used_ = 0;
};

}  // namespace gw::tools::eidsim
