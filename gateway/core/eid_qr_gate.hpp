#pragma once
// EidQrGate: the core's side of e-ID QR codes (eid-qr-v1 §4). Holds the issuer keys (from
// the stored trust list, replaced when it changes), the replay cache and the QR settings;
// verifies a scanned text at a point (steps 1-9) and records final decisions for the replay
// rule. A cid counts as revoked when the stored revocation list names it or its roster
// `eid_qr` credential is not active. Used only from the core loop thread.
#include <chrono>
#include <string_view>
#include <vector>

#include "access_point.hpp"
#include "decision.hpp"
#include "qr/ceid1_verifier.hpp"
#include "revocation_view.hpp"
#include "roster_view.hpp"

namespace gw::core {

struct QrSettings {
    std::chrono::seconds skew{60};
    int window = 1;
    size_t replay_capacity = 4096;
};

class EidQrGate {
public:
    EidQrGate(const qr::SignatureVerifier& sig, RosterView& roster, RevocationView& revoked,
              QrSettings settings = {});

    void set_issuer_keys(std::vector<qr::IssuerKey> keys) { keys_ = std::move(keys); }
    size_t issuer_key_count() const { return keys_.size(); }
    /// New skew/window (config reload): the replay cache restarts with them.
    void set_settings(const QrSettings& settings);

    qr::Verification verify(std::string_view text, const AccessPoint& point, SysTime now,
                            bool clock_synced);
    /// Records the final decision of an authentic, first-time presentation (step 8's memory).
    void remember(const qr::Verification& v, const AccessPoint& point, SysTime now,
                  const Decision& d);

private:
    class Revocations final : public qr::RevocationCheck {
    public:
        Revocations(RosterView& roster, RevocationView& list) : roster_(roster), list_(list) {}
        bool revoked(std::string_view cid) const override;

    private:
        RosterView& roster_;
        RevocationView& list_;
    };

    QrSettings settings_;
    Revocations revocations_;
    qr::ReplayCache replay_;
    qr::Ceid1Verifier verifier_;
    std::vector<qr::IssuerKey> keys_;
};

}  // namespace gw::core
