#pragma once
// QrService: e-ID QR verification as the running gateway wires it (eid-qr-v1). Owns the
// ES256 verifier and the core's EidQrGate, and keeps the gate's issuer keys in step with the
// trust list in the store: the list stored by the e-ID sync or by `campusgw trust import`,
// verified again against [eid] trust_root when one is pinned, then parsed.
// Used only from the core loop thread (refresh() from its tick, load at start and reload).
#include <memory>
#include <optional>

#include "adapters/crypto/es256_verifier.hpp"
#include "adapters/eid/trust_root.hpp"
#include "adapters/store/sqlite_store.hpp"
#include "gateway/config/config.hpp"
#include "gateway/core/eid_qr_gate.hpp"
#include "gateway/core/result.hpp"

namespace gw::app {

class QrService {
public:
    /// Reads [eid] trust_root (when set) and [qr]; loads the stored trust list.
    static core::Result<std::unique_ptr<QrService>> create(const config::Config& cfg,
                                                           adp::store::SqliteStore& store);

    core::EidQrGate& gate() { return gate_; }
    /// New [qr] settings after a reload; re-reads the stored trust list.
    void reconfigure(const config::Config& cfg);
    /// Re-reads the stored trust list when its version differs from `version` (the e-ID
    /// sync's view) or `force`; logs what changed.
    void refresh(std::optional<int64_t> version, bool force = false);
    std::optional<int64_t> trust_list_version() const { return version_; }

private:
    QrService(adp::store::SqliteStore& store, std::optional<adp::eid::TrustRoot> root,
              core::QrSettings settings);
    void load();

    adp::store::SqliteStore& store_;
    std::optional<adp::eid::TrustRoot> root_;
    adp::crypto::Es256Verifier verifier_;
    core::EidQrGate gate_;
    std::optional<int64_t> version_;
};

/// [qr] as the core's settings.
core::QrSettings qr_settings(const config::Config& cfg);

}  // namespace gw::app
