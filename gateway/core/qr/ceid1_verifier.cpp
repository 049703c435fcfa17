// One function per step of eid-qr-v1 §4, called in order; the first failure wins.
#include "ceid1_verifier.hpp"

#include <cstdint>
#include <optional>

#include "ceid1_token.hpp"

namespace gw::core::qr {

namespace {

int64_t unix_seconds(SysTime t) {
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

// Claims are unsigned 64-bit; anything beyond this is "far future" and safe to add a skew to.
constexpr int64_t kFar = INT64_C(1) << 60;

int64_t clamp(uint64_t v) {
    return v > static_cast<uint64_t>(kFar) ? kFar : static_cast<int64_t>(v);
}

int64_t floor_div(int64_t a, int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

/// Step 3: ES256 and a trust-list key with this kid valid now. An unsynchronised clock
/// cannot date the key either (a Pi without RTC may think it is 1970): then any key with the
/// kid will do, and the point's clock_unsynced policy decides, as for steps 5 and 7.
const IssuerKey* find_key(const Ceid1Token& tok, const std::vector<IssuerKey>& keys,
                          const VerifyParams& p) {
    if (tok.alg != kAlgEs256) return nullptr;
    for (const auto& k : keys)
        if (k.kid == tok.kid && (!p.clock_synced || k.valid_at(p.now))) return &k;
    return nullptr;
}

/// Step 5: nbf - skew <= now < exp + skew.
std::optional<Reason> check_validity(const Ceid1Token& tok, const VerifyParams& p) {
    const int64_t now = unix_seconds(p.now);
    const int64_t skew = p.skew.count();
    if (now < clamp(tok.nbf) - skew) return Reason::NotYetValid;
    if (now >= clamp(tok.exp) + skew) return Reason::CredentialExpired;
    return std::nullopt;
}

/// Step 7: |t - floor(now / 30)| <= window.
bool step_fresh(const Ceid1Token& tok, const VerifyParams& p) {
    const int64_t current = floor_div(unix_seconds(p.now), 30);
    const int64_t diff = clamp(tok.t) - current;
    return (diff < 0 ? -diff : diff) <= p.window;
}

void describe(const Ceid1Token& tok, Verification& v) {
    v.decoded = true;
    v.cid = tok.cid();
    v.sub = tok.sub;
    v.iss = tok.iss;
    v.typ = tok.typ;
    v.tname = tok.tname;
    v.sch = tok.sch;
    v.t = tok.t;
}

}  // namespace

Ceid1Verifier::Ceid1Verifier(const SignatureVerifier& sig, ReplayCache& replay)
    : sig_(sig), replay_(replay) {}

Verification Ceid1Verifier::verify(std::string_view text, std::string_view point_id,
                                   const std::vector<IssuerKey>& keys,
                                   const RevocationCheck& revoked, const VerifyParams& params) {
    Verification v;
    v.clock_checks_skipped = !params.clock_synced;
    const auto tok = decode_ceid1(text);  // steps 1-2
    if (!tok) return v;
    describe(*tok, v);
    const IssuerKey* key = find_key(*tok, keys, params);  // step 3
    if (!key) return v.reason = Reason::UnknownIssuer, v;
    if (!sig_.verify_spki(key->spki_der, sig_structure(*tok), tok->issuer_sig))  // step 4
        return v.reason = Reason::BadSignature, v;
    if (params.clock_synced) {  // step 5
        if (auto bad = check_validity(*tok, params)) return v.reason = *bad, v;
    }
    if (!sig_.verify_point(tok->holder_key, holder_signing_input(*tok), tok->holder_sig))
        return v.reason = Reason::BadSignature, v;         // step 6
    if (params.clock_synced && !step_fresh(*tok, params))  // step 7
        return v.reason = Reason::TokenExpired, v;
    v.authentic = true;
    const auto hit = replay_.lookup(v.cid, tok->t, point_id, params.now);  // step 8
    if (hit.hit == ReplayCache::Hit::Repeat) {
        v.repeat = true;
        v.repeat_verdict = hit.verdict;
        return v.reason = hit.reason, v;
    }
    if (hit.hit == ReplayCache::Hit::Replayed) return v.reason = Reason::TokenReplayed, v;
    if (revoked.revoked(v.cid)) return v.reason = Reason::Revoked, v;  // step 9
    v.reason = Reason::Ok;
    return v;
}

}  // namespace gw::core::qr
