#pragma once
// DoorRequestVerifier: checks an MQTT `door/open` request (mqtt-v1 §4) before a door opens.
//
// A request must be signed, fresh and used once:
//   canonical = "door/open\n{site}\n{gateway}\n{point}\n{expires}\n{transaction}"
//   sig       = lower-case hex of HMAC-SHA-256(door key, canonical)
// `expires` (Unix seconds) must lie in (now, now + 60 s]; a signature already accepted is
// refused until its request expired (replay). Binding site and gateway into the signature
// keeps a request for one gateway from opening another's door.
//
// Single-threaded (the core loop). The key is wiped with the HmacHasher holding it.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "adapters/crypto/hmac_hasher.hpp"
#include "gateway/core/clock.hpp"
#include "key_file.hpp"

namespace gw::app {

struct DoorOpenRequest {
    std::string transaction;
    std::string point;
    int64_t expires = 0;  // Unix seconds
    std::string sig;      // 64 hex digits
};

class DoorRequestVerifier {
public:
    static constexpr int64_t kMaxAheadS = 60;
    static constexpr size_t kMaxRemembered = 10000;

    /// No key: every request is refused ("door/open is not configured").
    DoorRequestVerifier(std::string site, std::string gateway, std::optional<Key32> key);

    /// Empty string: accepted (and remembered against replay). Else why it was refused:
    /// "not configured", "unsigned", "expired", "expires too far ahead", "bad signature",
    /// "replayed".
    std::string check(const DoorOpenRequest& r, core::SysTime now);

    /// The signature a caller holding the key computes (for tests and tools).
    std::string sign(const DoorOpenRequest& r) const;

private:
    std::string canonical(const DoorOpenRequest& r) const;
    void forget_expired(int64_t now_s);

    std::string site_;
    std::string gateway_;
    std::unique_ptr<adp::crypto::HmacHasher> mac_;
    std::map<std::string, int64_t> seen_;  // accepted sig -> its expiry
};

}  // namespace gw::app
