// campusgw-eid-sim: an e-ID system for tests, benchmarks and the demo (eid-sync-v1), on
// 127.0.0.1 only. Serves a roster file (e.g. from `campusgw-sim roster`) and a timetable
// over http and/or https, signs the trust list with a root key it creates if missing,
// publishes change notifications to a broker, and misbehaves on demand (sim_api.hpp lists
// the admin endpoints). Runs until SIGTERM or SIGINT.
//
//   campusgw-eid-sim --site ID --root-key FILE [--root-pub FILE] [--roster FILE]
//       [--timetable FILE] [--http PORT] [--https PORT --cert FILE --key FILE]
//       [--client-ca FILE] [--token-file FILE] [--mqtt HOST:PORT] [--page-limit N]
// Exit codes: 0 stopped by a signal, 1 failed, 2 usage error.
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <signal.h>

#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <vector>

#include "fault_plan.hpp"
#include "sim_api.hpp"

using namespace gw::tools::eidsim;

namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::map<std::string, std::string> parse_args(int argc, char** argv) {
    static const std::vector<std::string> known = {
        "site", "root-key", "root-pub", "roster", "timetable", "http", "https", "cert",
        "key", "client-ca", "token-file", "mqtt", "page-limit"};
    std::map<std::string, std::string> a;
    for (int i = 1; i < argc; ++i) {
        std::string k = argv[i];
        if (k.rfind("--", 0) != 0 || i + 1 >= argc) throw std::invalid_argument("bad argument " + k);
        k = k.substr(2);
        if (std::find(known.begin(), known.end(), k) == known.end())
            throw std::invalid_argument("unknown option --" + k);
        a[k] = argv[++i];
    }
    for (const char* req : {"site", "root-key"})
        if (!a.count(req)) throw std::invalid_argument(std::string("--") + req + " is required");
    if (!a.count("http") && !a.count("https")) throw std::invalid_argument("give --http and/or --https");
    if (a.count("https") && (!a.count("cert") || !a.count("key")))
        throw std::invalid_argument("--https needs --cert and --key");
    return a;
}

std::unique_ptr<Poco::Net::HTTPServer> https_server(std::map<std::string, std::string>& a,
                                                    SimState& state) {
    Poco::Net::initializeSSL();
    const bool mtls = a.count("client-ca") > 0;
    Poco::Net::Context::Ptr ctx = new Poco::Net::Context(
        Poco::Net::Context::TLS_SERVER_USE, a["key"], a["cert"], mtls ? a["client-ca"] : "",
        mtls ? Poco::Net::Context::VERIFY_STRICT : Poco::Net::Context::VERIFY_NONE);
    // POCO's "extended" check matches the peer's certificate against the peer's host name;
    // a client certificate names a client, not a host, so with it on no client could connect.
    // The chain is still verified against --client-ca (OpenSSL, VERIFY_STRICT).
    ctx->enableExtendedCertificateVerification(false);
    Poco::Net::SecureServerSocket sock(
        Poco::Net::SocketAddress("127.0.0.1", static_cast<uint16_t>(std::stoi(a["https"]))), 64, ctx);
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(8);
    return std::make_unique<Poco::Net::HTTPServer>(new SimApi(state), sock, params);
}

std::unique_ptr<Poco::Net::HTTPServer> http_server(std::map<std::string, std::string>& a,
                                                   SimState& state) {
    Poco::Net::ServerSocket sock(
        Poco::Net::SocketAddress("127.0.0.1", static_cast<uint16_t>(std::stoi(a["http"]))), 64);
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(8);
    return std::make_unique<Poco::Net::HTTPServer>(new SimApi(state), sock, params);
}

int run(std::map<std::string, std::string>& a) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);  // before any thread starts

    SimDataset data(a["site"]);
    if (a.count("roster")) data.load_roster(slurp(a["roster"]));
    if (a.count("timetable")) data.load_timetable(slurp(a["timetable"]));
    TrustListSigner signer(a["root-key"], a.count("root-pub") ? a["root-pub"] : "");
    FaultPlan faults;
    SimNotifier notifier(a.count("mqtt") ? a["mqtt"] : "", a["site"]);
    std::string token;
    if (a.count("token-file")) {
        token = slurp(a["token-file"]);
        while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
    }
    SimState state(data, signer, faults, notifier, token);
    if (a.count("page-limit")) state.max_limit = std::stoul(a["page-limit"]);

    std::vector<std::unique_ptr<Poco::Net::HTTPServer>> servers;
    if (a.count("http")) servers.push_back(http_server(a, state));
    if (a.count("https")) servers.push_back(https_server(a, state));
    for (auto& s : servers) s->start();
    std::cout << "eid-sim: site " << a["site"] << ", " << data.persons() << " persons, "
              << data.credentials() << " credentials, cursor " << data.cursor() << std::endl;
    int sig = 0;
    sigwait(&set, &sig);
    for (auto& s : servers) s->stopAll(true);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::map<std::string, std::string> args;
    try {
        args = parse_args(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "campusgw-eid-sim: " << e.what() << "\n";
        return 2;
    }
    try {
        return run(args);
    } catch (const Poco::Exception& e) {
        std::cerr << "campusgw-eid-sim: " << e.displayText() << "\n";
    } catch (const std::exception& e) {
        std::cerr << "campusgw-eid-sim: " << e.what() << "\n";
    }
    return 1;
}
