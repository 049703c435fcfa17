#include "eid_qr_gate.hpp"

namespace gw::core {

EidQrGate::EidQrGate(const qr::SignatureVerifier& sig, RosterView& roster,
                     RevocationView& revoked, QrSettings settings)
    : settings_(settings),
      revocations_(roster, revoked),
      replay_(settings.replay_capacity, settings.window, settings.skew),
      verifier_(sig, replay_) {}

void EidQrGate::set_settings(const QrSettings& settings) {
    if (settings.skew == settings_.skew && settings.window == settings_.window &&
        settings.replay_capacity == settings_.replay_capacity)
        return;
    settings_ = settings;
    replay_ = qr::ReplayCache(settings.replay_capacity, settings.window, settings.skew);
}

qr::Verification EidQrGate::verify(std::string_view text, const AccessPoint& point, SysTime now,
                                   bool clock_synced) {
    qr::VerifyParams params{now, settings_.skew, settings_.window, clock_synced};
    return verifier_.verify(text, point.id, keys_, revocations_, params);
}

void EidQrGate::remember(const qr::Verification& v, const AccessPoint& point, SysTime now,
                         const Decision& d) {
    if (!v.authentic || v.repeat) return;
    replay_.remember(v.cid, v.t, point.id, now, d.verdict, d.reason);
}

bool EidQrGate::Revocations::revoked(std::string_view cid) const {
    if (list_.is_revoked(cid)) return true;
    auto cred = roster_.find_credential(cid);
    return cred && cred->kind == CredentialKind::EidQr && cred->status != CredentialStatus::Active;
}

}  // namespace gw::core
