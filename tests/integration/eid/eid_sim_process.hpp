#pragma once
// EidSimProcess: the e-ID simulator (campusgw-eid-sim) started by a test on 127.0.0.1,
// with a TLS listener (TestCerts' server certificate; optionally requiring a client
// certificate signed by TestCerts' CA) and a plain one for the admin endpoint, plus helpers to generate rosters and to drive it. Not thread-safe.
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/support/child_process.hpp"
#include "tests/support/tcp_port.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_certs.hpp"

namespace gw::test {

inline std::string eid_sim_path() {
    return std::string(GW_BINARY_DIR) + "/tools/eid-sim/campusgw-eid-sim";
}

/// A card UID for person number i (7 bytes, upper-case hex).
inline std::string test_uid(int i) {
    char b[15];
    std::snprintf(b, sizeof b, "04%012X", 0xA10000 + i);
    return b;
}

/// A roster page (full snapshot) of `n` active students p-1..p-n with nfc cards c-1..c-n.
inline std::string make_roster(int n, const std::string& site) {
    using json = nlohmann::json;
    json persons = json::array(), creds = json::array();
    for (int i = 1; i <= n; ++i) {
        persons.push_back({{"id", "p-" + std::to_string(i)}, {"role", "student"},
                           {"status", "active"}, {"groups", {"dorm:3"}},
                           {"valid_from", "2024-09-01"}, {"valid_to", "2099-07-31"}});
        creds.push_back({{"id", "c-" + std::to_string(i)}, {"person", "p-" + std::to_string(i)},
                         {"kind", "nfc_uid"}, {"uid", test_uid(i)}, {"status", "active"}});
    }
    return json{{"site", site}, {"cursor", "x"}, {"full", true}, {"more", false},
                {"persons", persons}, {"credentials", creds}}.dump();
}

struct EidSimOptions {
    std::string site = "t-site";
    int persons = 20;
    std::string extra_roster_json;  // replaces the generated roster when not empty
    std::string token;              // bearer token required by /v1 when not empty
    std::string mqtt;               // HOST:PORT for notifications
    int page_limit = 5000;          // roster records / revocation cids per page
    bool require_client_cert = false;  // https demands a client certificate of TestCerts' CA
};

class EidSimProcess {
public:
    explicit EidSimProcess(const TestCerts& certs, EidSimOptions o = {})
        : http_port_(find_free_port()), https_port_(find_free_port()) {
        write(dir_ / "roster.json",
              o.extra_roster_json.empty() ? make_roster(o.persons, o.site) : o.extra_roster_json);
        std::vector<std::string> argv{eid_sim_path(), "--site", o.site, "--root-key",
                                      (dir_ / "root.key").string(), "--root-pub", root_pub().string(),
                                      "--roster", (dir_ / "roster.json").string(),
                                      "--http", std::to_string(http_port_),
                                      "--https", std::to_string(https_port_),
                                      "--cert", certs.server_cert().string(),
                                      "--key", certs.server_key().string(),
                                      "--page-limit", std::to_string(o.page_limit)};
        if (!o.token.empty()) {
            write(dir_ / "token", o.token + "\n");
            argv.insert(argv.end(), {"--token-file", (dir_ / "token").string()});
        }
        if (!o.mqtt.empty()) argv.insert(argv.end(), {"--mqtt", o.mqtt});
        if (o.require_client_cert)
            argv.insert(argv.end(), {"--client-ca", certs.ca_cert().string()});
        argv_ = std::move(argv);
        restart();
    }

    /// Stops the simulator (SIGTERM): the e-ID system is unreachable (connection refused).
    void stop() { proc_.terminate(std::chrono::seconds(2)); }
    /// Starts it again on the same ports with the same data files (its in-memory changes
    /// and cursors are gone, as after a server restart).
    void restart() {
        proc_ = ChildProcess::spawn(argv_, dir_ / "sim.log");
        if (!wait_port_open(http_port_, std::chrono::seconds(10)) ||
            !wait_port_open(https_port_, std::chrono::seconds(10)))
            throw std::runtime_error("campusgw-eid-sim did not start");
    }

    std::string https_url() const { return "https://127.0.0.1:" + std::to_string(https_port_); }
    std::string http_url() const { return "http://127.0.0.1:" + std::to_string(http_port_); }
    std::filesystem::path root_pub() const { return dir_ / "root.pub"; }
    ChildProcess& process() { return proc_; }

    /// POST /admin/… on the plain listener; returns the body (throws on a non-200).
    std::string admin(const std::string& path_and_query, const std::string& body = "") {
        Poco::Net::HTTPClientSession s("127.0.0.1", http_port_);
        Poco::Net::HTTPRequest req(Poco::Net::HTTPRequest::HTTP_POST, path_and_query,
                                   Poco::Net::HTTPMessage::HTTP_1_1);
        req.setContentLength(static_cast<std::streamsize>(body.size()));
        s.sendRequest(req) << body;
        Poco::Net::HTTPResponse resp;
        std::string out;
        Poco::StreamCopier::copyToString(s.receiveResponse(resp), out);
        if (resp.getStatus() != Poco::Net::HTTPResponse::HTTP_OK)
            throw std::runtime_error("admin " + path_and_query + ": " + out);
        return out;
    }
    /// Requests served so far by endpoint ("roster", "trustlist", …).
    uint64_t requests(const std::string& endpoint) {
        auto j = nlohmann::json::parse(admin("/admin/stats"));
        return j["requests"].value(endpoint, uint64_t{0});
    }

private:
    static void write(const std::filesystem::path& p, const std::string& text) {
        std::ofstream(p, std::ios::binary) << text;
    }
    TempDir dir_{"campusgw-eidsim"};
    uint16_t http_port_;
    uint16_t https_port_;
    ChildProcess proc_;
    std::vector<std::string> argv_;
};

}  // namespace gw::test
