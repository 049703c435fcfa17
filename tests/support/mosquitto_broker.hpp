#pragma once
// MosquittoBroker: a real /usr/sbin/mosquitto for integration tests, listening on
// 127.0.0.1 only: a plain listener (anonymous allowed) and optionally a TLS listener.
// Config, persistence file and log live in a TempDir. The constructor starts it and
// returns once it accepts connections; restart() keeps the same ports (and, with
// persistence, the broker's retained messages and durable sessions).
// Errors (broker missing, will not start) throw std::runtime_error carrying the broker's
// log. Not thread-safe: drive it from the test thread.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "tests/support/child_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace gw::test {

struct BrokerTls {
    std::filesystem::path ca_file;    // CA that client certificates must chain to
    std::filesystem::path cert_file;  // the broker's certificate
    std::filesystem::path key_file;
    bool require_certificate = false;  // true: clients must present a certificate
};

struct MosquittoBrokerOptions {
    bool persistence = false;  // keep retained messages and durable sessions over restart()
    std::optional<BrokerTls> tls;
    std::string extra_config;  // appended to mosquitto.conf verbatim
    std::filesystem::path binary = "/usr/sbin/mosquitto";
};

class MosquittoBroker {
public:
    explicit MosquittoBroker(MosquittoBrokerOptions options = {});
    /// Kills the broker (SIGKILL) if it still runs.
    ~MosquittoBroker();
    MosquittoBroker(const MosquittoBroker&) = delete;
    MosquittoBroker& operator=(const MosquittoBroker&) = delete;

    /// Starts it again after stop()/kill(); waits until it accepts connections.
    void start();
    /// SIGTERM (and SIGCONT, in case it is paused) and wait: clients are disconnected,
    /// persistence is written.
    void stop();
    /// SIGKILL and wait: like a crash or power loss (persistence not written).
    void kill();
    /// stop() then start() on the same ports.
    void restart();
    /// SIGSTOP: the broker still accepts bytes into its sockets but answers nothing
    /// (publishes stay unacknowledged). resume() (SIGCONT) or stop() end it.
    void pause();
    void resume();
    bool running();

    uint16_t port() const { return port_; }
    uint16_t tls_port() const { return tls_port_; }  // 0 without TLS
    std::string host() const { return "127.0.0.1"; }
    /// "mqtt://127.0.0.1:<port>"
    std::string url() const;
    /// "mqtts://<host>:<tls_port>"; host "localhost" or "127.0.0.1" match the test cert.
    std::string tls_url(const std::string& host = "127.0.0.1") const;
    const std::filesystem::path& dir() const { return dir_.path(); }
    /// Everything the broker logged so far (all runs).
    std::string log() const;

private:
    void write_config() const;
    bool try_start();

    MosquittoBrokerOptions options_;
    TempDir dir_{"campusgw-mosquitto"};
    uint16_t port_ = 0;
    uint16_t tls_port_ = 0;
    int starts_ = 0;
    ChildProcess process_;
};

}  // namespace gw::test
