#pragma once
// One answer of GET /v1/revocations (eid-sync-v1 §5), parsed and validated: the `cid`s
// (lower-case hex of an e-ID credential's cti) revoked or restored since the cursor.
#include <cstddef>
#include <string>
#include <vector>

namespace gw::core {

struct RevocationPage {
    std::string cursor;
    bool full = false;  // starts a snapshot: every cid not listed in the run is restored
    bool more = false;
    std::vector<std::string> revoked;
    std::vector<std::string> restored;
    size_t rejected = 0;  // malformed cids skipped
};

}  // namespace gw::core
