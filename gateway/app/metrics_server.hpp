#pragma once
// MetricsServer: `GET /metrics` over HTTP (POCO) for Prometheus. Its own threads only
// accept connections; the text comes from `scrape`, which the app makes ask the core
// loop (so a stuck loop shows as a failed scrape: HTTP 503). Other paths get 404, other
// methods 405. Binds where [metrics] listen says; start() fails (address in use, bad
// address) with a message for the admin.
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "gateway/core/result.hpp"

namespace gw::app {

class MetricsServer {
public:
    /// Returns the exposition text, or nullopt when it could not be produced in time.
    using Scrape = std::function<std::optional<std::string>()>;

    MetricsServer(std::string listen, Scrape scrape);
    ~MetricsServer();
    MetricsServer(const MetricsServer&) = delete;
    MetricsServer& operator=(const MetricsServer&) = delete;

    core::Status start();
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace gw::app
