// Fuzz target: the whole CEID1 path (eid-qr-v1 §4) on scanned text: decode (steps 1-2),
// then the verifier with a signature port that accepts everything, so steps 3-9 run too.
#include <chrono>
#include <cstdint>
#include <string_view>
#include <vector>

#include "gateway/core/qr/base64.hpp"
#include "gateway/core/qr/ceid1_token.hpp"
#include "gateway/core/qr/ceid1_verifier.hpp"

namespace {

using namespace gw::core;
using namespace gw::core::qr;

class AcceptAll final : public SignatureVerifier {
public:
    bool verify_spki(std::string_view, std::string_view m, std::string_view s) const override {
        return !m.empty() && s.size() == 64;
    }
    bool verify_point(std::string_view p, std::string_view m, std::string_view s) const override {
        return !p.empty() && !m.empty() && s.size() == 64;
    }
};

class NoneRevoked final : public RevocationCheck {
public:
    bool revoked(std::string_view cid) const override { return cid.size() % 4 == 0; }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view in(reinterpret_cast<const char*>(data), size);
    if (const auto tok = decode_ceid1(in)) {
        if (tok->kid.size() != 8 || tok->holder_sig.size() != 64 || tok->cti.size() < 8 ||
            tok->cti.size() > 16 || (tok->holder_key.size() != 33 && tok->holder_key.size() != 65))
            __builtin_trap();
        (void)sig_structure(*tok);
        (void)holder_signing_input(*tok);
    }
    static const AcceptAll sig;
    static ReplayCache replay(256);
    static const NoneRevoked revoked;
    // the vectors' current issuer kid, valid around the vectors' `now`
    static const std::vector<IssuerKey> keys{
        IssuerKey{base64url_decode("GYhgYgvioxI").value_or(""), "spki",
                  SysTime(std::chrono::seconds(1761202800)),
                  SysTime(std::chrono::seconds(1795330800 + 86400))}};
    Ceid1Verifier verifier(sig, replay);
    const VerifyParams p{SysTime(std::chrono::seconds(1795330800)), std::chrono::seconds(60), 1,
                         size % 2 == 0};
    const auto v = verifier.verify(in, size % 3 == 0 ? "door-1" : "door-2", keys, revoked, p);
    if (v.reason == Reason::Ok)
        replay.remember(v.cid, v.t, "door-1", p.now, Verdict::Allow, v.reason);
    if (v.decoded != decode_ceid1(in).has_value()) __builtin_trap();
    return 0;
}
