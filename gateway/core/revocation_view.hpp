#pragma once
// Port: the e-ID revocation list (eid-sync-v1 §5) as stored. Implemented by the SQLite
// store. Used only from the core loop thread.
#include <string_view>

namespace gw::core {

class RevocationView {
public:
    virtual ~RevocationView() = default;
    /// True when `cid` (lower-case hex) is on the stored revocation list.
    virtual bool is_revoked(std::string_view cid) = 0;
};

}  // namespace gw::core
