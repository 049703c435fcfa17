#pragma once
// PushListener: the HTTP server face terminals push to (Hikvision "HTTP listening" host,
// ZKTeco /iclock). It binds `listen` (host:port from the config), accepts only peers in
// `allow_from` (403 otherwise) and, when a Digest user is configured, only requests that
// authenticate (401 with a challenge otherwise); requests for paths outside `path_prefix`
// get 404. Refusals are counted and logged (first one of each kind, then every power of two), never
// with the request's content. Bodies larger than `max_body` are refused (413).
//
// Accepted requests go to the handler on one of the listener's threads (at most
// `threads` at once); it must not block long (terminals retry when the answer is slow).
// POCO stays behind the pimpl. start() fails when the address cannot be bound.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "gateway/core/device.hpp"
#include "gateway/core/result.hpp"

namespace gw::dev::face {

struct PushRequest {
    std::string method;
    std::string path;   // without the query
    std::string query;  // raw, without '?'
    std::string peer;   // the peer's IP address
    std::string content_type;
    std::string body;
};

struct PushReply {
    int status = 200;
    std::string content_type = "text/plain";
    std::string body = "OK";
};

struct PushListenerOptions {
    std::string channel;             // log channel, e.g. "dev.face-1"
    std::string listen;              // "host:port"
    std::vector<std::string> allow_from;
    std::string path_prefix = "/";
    std::string digest_user;         // empty: no Digest required
    std::string digest_password;
    size_t max_body = 4 * 1024 * 1024;
    int threads = 4;
};

struct PushCounters {
    uint64_t accepted = 0;
    uint64_t refused_source = 0;  // 403: peer not in allow_from
    uint64_t challenged = 0;      // 401 to a request without credentials (Digest clients
                                  // always start so; not logged)
    uint64_t refused_auth = 0;    // 401: wrong credentials
    uint64_t refused_path = 0;    // 404
    uint64_t refused_size = 0;    // 413
    uint64_t refused_malformed = 0;  // the handler answered 4xx
};

/// The refusal counters as device counters (push_unauthorized 401, push_forbidden 403,
/// push_too_large 413, push_unknown_path 404, push_malformed), appended to `out`.
void append_refusals(const PushCounters& c, std::vector<core::DeviceCounter>& out);

class PushListener {
public:
    using Handler = std::function<PushReply(const PushRequest&)>;
    PushListener(PushListenerOptions options, Handler handler);
    ~PushListener();
    PushListener(const PushListener&) = delete;
    PushListener& operator=(const PushListener&) = delete;

    core::Status start();
    void stop();
    PushCounters counters() const;
    /// The bound port (useful with port 0).
    uint16_t port() const;

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace gw::dev::face
