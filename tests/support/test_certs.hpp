#pragma once
// TestCerts: a throw-away PKI made with the openssl CLI in a TempDir (EC P-256, valid
// for two days), for TLS tests against a real broker:
//   ca            test CA
//   server        signed by ca; SAN DNS:localhost, IP:127.0.0.1; serverAuth
//   client        signed by ca; CN campusgw-test-client; clientAuth
//   other_ca      an unrelated CA (a client trusting only it must refuse the server)
//   wrong_host    signed by ca, but SAN DNS:wrong.example only (host name check fails)
// All files are PEM. The constructor throws std::runtime_error when openssl fails
// (its output is in dir()/openssl.log). Immutable after construction.
#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/temp_dir.hpp"

namespace gw::test {

class TestCerts {
public:
    TestCerts();

    const std::filesystem::path& dir() const { return dir_.path(); }
    std::filesystem::path ca_cert() const { return dir_ / "ca.pem"; }
    std::filesystem::path server_cert() const { return dir_ / "server.pem"; }
    std::filesystem::path server_key() const { return dir_ / "server.key"; }
    std::filesystem::path client_cert() const { return dir_ / "client.pem"; }
    std::filesystem::path client_key() const { return dir_ / "client.key"; }
    std::filesystem::path other_ca_cert() const { return dir_ / "other-ca.pem"; }
    std::filesystem::path wrong_host_cert() const { return dir_ / "wrong-host.pem"; }
    std::filesystem::path wrong_host_key() const { return dir_ / "wrong-host.key"; }

private:
    void openssl(const std::vector<std::string>& args) const;
    void make_key(const std::string& name) const;
    void make_ca(const std::string& name, const std::string& cn) const;
    void make_leaf(const std::string& name, const std::string& cn, const std::string& ext,
                   int serial) const;

    TempDir dir_{"campusgw-certs"};
};

}  // namespace gw::test
