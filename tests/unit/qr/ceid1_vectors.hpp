#pragma once
// Loader of the CEID1 test vectors (tests/data/ceid1-vectors.json, a copy of the spec's
// vectors/ceid1-vectors.json): fixed `now`, skew/window, trust list, revoked cids, keys and
// cases. Shared by the vectors test, the fuzz seeds and the QR benchmark. Throws on errors.
#include <chrono>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "gateway/core/qr/ceid1_verifier.hpp"
#include "gateway/core/qr/issuer_key.hpp"
#include "gateway/core/reason.hpp"

namespace gw::test {

struct Ceid1Case {
    std::string name;
    std::string qr;
    std::string expect;           // reason code, e.g. "ok", "token_expired"
    std::string expect_decision;  // "allow" | "deny"
    std::string sub;
};

struct Ceid1Vectors {
    core::SysTime now;
    std::chrono::seconds skew{60};
    int window = 1;
    std::vector<core::qr::IssuerKey> keys;
    std::set<std::string> revoked;
    std::string issuer_private_key_pem;
    std::string holder_private_key_pem;
    std::vector<Ceid1Case> cases;

    const Ceid1Case& find(const std::string& name) const;
};

/// Reads `path` (default: the copy in the repository).
Ceid1Vectors load_ceid1_vectors(const std::string& path = std::string(GW_SOURCE_DIR) +
                                                          "/tests/data/ceid1-vectors.json");

/// RevocationCheck over a set of cids.
class SetRevocations final : public core::qr::RevocationCheck {
public:
    explicit SetRevocations(std::set<std::string> cids) : cids_(std::move(cids)) {}
    bool revoked(std::string_view cid) const override { return cids_.count(std::string(cid)) > 0; }

private:
    std::set<std::string> cids_;
};

}  // namespace gw::test

namespace gw::core {
/// Boost.Test prints reasons by their code.
inline std::ostream& operator<<(std::ostream& os, Reason r) {
    return os << to_string(r);
}
}  // namespace gw::core
