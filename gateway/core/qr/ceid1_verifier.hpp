#pragma once
// Ceid1Verifier: steps 1–9 of eid-qr-v1 §4 for one scanned CEID1 text, in order, the first
// failure wins. Step 10 (authorization of `sub`) is the caller's, who then records the final
// decision with ReplayCache::remember() for any token with `authentic` set.
// Not thread-safe (uses the ReplayCache); owned by the core loop. Never blocks; allocation
// is bounded by the 1024-character input limit.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/core/clock.hpp"
#include "gateway/core/decision.hpp"
#include "gateway/core/reason.hpp"
#include "issuer_key.hpp"
#include "replay_cache.hpp"
#include "signature_verifier.hpp"

namespace gw::core::qr {

struct VerifyParams {
    SysTime now;
    std::chrono::seconds skew{60};
    int window = 1;
    bool clock_synced = true;
};

class RevocationCheck {
public:
    virtual ~RevocationCheck() = default;
    /// True when `cid` (lower-case hex) is revoked or suspended.
    virtual bool revoked(std::string_view cid) const = 0;
};

struct Verification {
    Reason reason = Reason::Malformed;  // Reason::Ok when steps 1-9 pass (gateway/core/reason.hpp)
    bool decoded = false;               // passed step 2 (a 亮证记录 is due)
    bool authentic = false;  // passed steps 1-7: the caller remember()s the final decision
    bool repeat = false;     // step 8 said Repeat: reason/verdict are the earlier ones
    Verdict repeat_verdict = Verdict::Deny;
    bool clock_checks_skipped = false;  // clock_synced == false: steps 5, 7 and the key dates skipped
    std::string cid, sub, iss, typ, tname, sch;
    uint64_t t = 0;
};

class Ceid1Verifier {
public:
    Ceid1Verifier(const SignatureVerifier& sig, ReplayCache& replay);
    /// Steps 1-9 of spec §4 in order, first failure wins. When !clock_synced, steps 5 and 7
    /// and the key's validity dates are skipped (the caller applies the point's
    /// clock_unsynced policy).
    Verification verify(std::string_view text, std::string_view point_id,
                        const std::vector<IssuerKey>& keys, const RevocationCheck& revoked,
                        const VerifyParams& params);

private:
    const SignatureVerifier& sig_;
    ReplayCache& replay_;
};

}  // namespace gw::core::qr
