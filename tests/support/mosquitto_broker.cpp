#include "mosquitto_broker.hpp"

#include <signal.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "tests/support/tcp_port.hpp"

namespace gw::test {
namespace {

constexpr auto kStartTimeout = std::chrono::seconds(10);
constexpr auto kStopGrace = std::chrono::seconds(5);

size_t count_occurrences(const std::string& text, const std::string& needle) {
    size_t n = 0;
    for (auto pos = text.find(needle); pos != std::string::npos;
         pos = text.find(needle, pos + needle.size())) {
        ++n;
    }
    return n;
}

}  // namespace

MosquittoBroker::MosquittoBroker(MosquittoBrokerOptions options) : options_(std::move(options)) {
    if (::access(options_.binary.c_str(), X_OK) != 0) {
        throw std::runtime_error("mosquitto broker not found at " + options_.binary.string());
    }
    // A port can be taken between choosing and binding it (tests run in parallel):
    // choose again, but only for the first start; restart() must keep the ports.
    for (int attempt = 0; attempt < 5; ++attempt) {
        port_ = find_free_port();
        tls_port_ = options_.tls ? find_free_port() : 0;
        if (tls_port_ == port_) continue;
        if (try_start()) return;
    }
    throw std::runtime_error("mosquitto did not start; log:\n" + log());
}

MosquittoBroker::~MosquittoBroker() { process_.kill(); }

void MosquittoBroker::write_config() const {
    std::ofstream conf(dir_ / "mosquitto.conf");
    conf << "per_listener_settings false\n"
         << "allow_anonymous true\n"
         << "log_dest stderr\n"
         << "log_type error\nlog_type warning\nlog_type notice\nlog_type information\n"
         << "connection_messages true\n"
         << "persistence " << (options_.persistence ? "true" : "false") << "\n"
         << "persistence_location " << dir_.path().string() << "/\n";
    // As root, mosquitto would switch to user "mosquitto", who cannot read our temp dir.
    if (::geteuid() == 0) conf << "user root\n";
    conf << "listener " << port_ << " 127.0.0.1\n";
    if (options_.tls) {
        conf << "listener " << tls_port_ << " 127.0.0.1\n"
             << "cafile " << options_.tls->ca_file.string() << "\n"
             << "certfile " << options_.tls->cert_file.string() << "\n"
             << "keyfile " << options_.tls->key_file.string() << "\n"
             << "tls_version tlsv1.2\n"
             << "require_certificate " << (options_.tls->require_certificate ? "true" : "false")
             << "\n";
    }
    conf << options_.extra_config << "\n";
}

bool MosquittoBroker::try_start() {
    write_config();
    const std::string conf = (dir_ / "mosquitto.conf").string();
    process_ = ChildProcess::spawn({options_.binary.string(), "-c", conf}, dir_ / "mosquitto.log");
    ++starts_;
    // Ready = this run logged "running" (all listeners are open by then) and the plain
    // port accepts; checking our own log avoids mistaking another server on the port.
    const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (!process_.running()) return false;
        if (count_occurrences(log(), " running") >= static_cast<size_t>(starts_)) {
            return wait_port_open(port_, std::chrono::seconds(2)) && process_.running();
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    process_.kill();
    return false;
}

void MosquittoBroker::start() {
    if (process_.running()) return;
    if (!try_start()) throw std::runtime_error("mosquitto did not restart; log:\n" + log());
}

void MosquittoBroker::stop() {
    if (!process_.running()) return;
    process_.signal(SIGTERM);
    process_.signal(SIGCONT);
    if (!process_.wait_for(kStopGrace)) process_.kill();
}

void MosquittoBroker::pause() { process_.signal(SIGSTOP); }

void MosquittoBroker::resume() { process_.signal(SIGCONT); }

void MosquittoBroker::kill() { process_.kill(); }

void MosquittoBroker::restart() {
    stop();
    start();
}

bool MosquittoBroker::running() { return process_.running(); }

std::string MosquittoBroker::url() const { return "mqtt://127.0.0.1:" + std::to_string(port_); }

std::string MosquittoBroker::tls_url(const std::string& host) const {
    return "mqtts://" + host + ":" + std::to_string(tls_port_);
}

std::string MosquittoBroker::log() const {
    std::ifstream in(dir_ / "mosquitto.log");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace gw::test
