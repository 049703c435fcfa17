#include "test_certs.hpp"

#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/support/child_process.hpp"

namespace gw::test {
namespace {

// Our own config, so the system openssl.cnf cannot add or forbid extensions.
constexpr const char* kConfig = R"([req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[v3_ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[v3_server]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost,IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[v3_client]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[v3_wrong_host]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:wrong.example
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
)";

}  // namespace

TestCerts::TestCerts() {
    std::ofstream(dir_ / "openssl.cnf") << kConfig;
    make_ca("ca", "campusgw test CA");
    make_ca("other-ca", "unrelated test CA");
    make_leaf("server", "localhost", "v3_server", 2);
    make_leaf("client", "campusgw-test-client", "v3_client", 3);
    make_leaf("wrong-host", "wrong.example", "v3_wrong_host", 4);
}

void TestCerts::openssl(const std::vector<std::string>& args) const {
    std::vector<std::string> argv{"openssl"};
    argv.insert(argv.end(), args.begin(), args.end());
    const int status = ChildProcess::run(argv, dir_ / "openssl.log", std::chrono::seconds(30));
    if (status != 0) {
        throw std::runtime_error("openssl " + args.front() + " failed, see " +
                                 (dir_ / "openssl.log").string());
    }
}

void TestCerts::make_key(const std::string& name) const {
    openssl({"genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out",
             (dir_ / (name + ".key")).string()});
}

void TestCerts::make_ca(const std::string& name, const std::string& cn) const {
    make_key(name);
    openssl({"req", "-x509", "-new", "-sha256", "-days", "2", "-config",
             (dir_ / "openssl.cnf").string(), "-extensions", "v3_ca", "-subj", "/CN=" + cn, "-key",
             (dir_ / (name + ".key")).string(), "-out", (dir_ / (name + ".pem")).string()});
}

void TestCerts::make_leaf(const std::string& name, const std::string& cn, const std::string& ext,
                          int serial) const {
    make_key(name);
    const std::string csr = (dir_ / (name + ".csr")).string();
    openssl({"req", "-new", "-sha256", "-config", (dir_ / "openssl.cnf").string(), "-subj",
             "/CN=" + cn, "-key", (dir_ / (name + ".key")).string(), "-out", csr});
    openssl({"x509", "-req", "-sha256", "-days", "2", "-in", csr, "-CA", ca_cert().string(),
             "-CAkey", (dir_ / "ca.key").string(), "-set_serial", std::to_string(serial),
             "-extfile", (dir_ / "openssl.cnf").string(), "-extensions", ext, "-out",
             (dir_ / (name + ".pem")).string()});
}

}  // namespace gw::test
