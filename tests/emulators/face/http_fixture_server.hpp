#pragma once
// HttpFixtureServer: a small POCO HTTP server on 127.0.0.1 for tests. Each request goes to
// the handler (on a server thread) as method, target (path and query), headers and body;
// the handler answers status, headers and body. stop()/start() keep the port, so a test
// can take a device "offline" and back. Throws std::runtime_error when it cannot bind.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

namespace gw::test {

struct FixtureRequest {
    std::string method;
    std::string target;
    std::map<std::string, std::string> headers;  // names as sent
    std::string body;
    std::string header(const std::string& name) const;
};

struct FixtureResponse {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::map<std::string, std::string> headers;
};

class HttpFixtureServer {
public:
    using Handler = std::function<FixtureResponse(const FixtureRequest&)>;
    /// port 0: a free port is taken.
    HttpFixtureServer(Handler handler, uint16_t port = 0);
    ~HttpFixtureServer();
    HttpFixtureServer(const HttpFixtureServer&) = delete;
    HttpFixtureServer& operator=(const HttpFixtureServer&) = delete;

    void start();
    void stop();
    uint16_t port() const { return port_; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
    uint16_t port_ = 0;
};

/// One HTTP request from a test client (no auth); returns {status, body}. Throws on
/// transport failure.
std::pair<int, std::string> http_call(const std::string& method, const std::string& url,
                                      const std::string& content_type = {},
                                      const std::string& body = {},
                                      const std::map<std::string, std::string>& headers = {});

}  // namespace gw::test
