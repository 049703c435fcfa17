#include "door_request_verifier.hpp"

#include <array>
#include <chrono>

#include "adapters/crypto/hex.hpp"

namespace gw::app {
namespace {

bool equal_constant_time(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) return false;
    unsigned char diff = 0;
    for (size_t i = 0; i < a.size(); ++i)
        diff = static_cast<unsigned char>(diff | (static_cast<unsigned char>(a[i]) ^
                                                  static_cast<unsigned char>(b[i])));
    return diff == 0;
}

}  // namespace

DoorRequestVerifier::DoorRequestVerifier(std::string site, std::string gateway,
                                         std::optional<Key32> key)
    : site_(std::move(site)), gateway_(std::move(gateway)) {
    if (key) mac_ = std::make_unique<adp::crypto::HmacHasher>(*key);
}

std::string DoorRequestVerifier::canonical(const DoorOpenRequest& r) const {
    return "door/open\n" + site_ + "\n" + gateway_ + "\n" + r.point + "\n" +
           std::to_string(r.expires) + "\n" + r.transaction;
}

std::string DoorRequestVerifier::sign(const DoorOpenRequest& r) const {
    std::array<uint8_t, 32> m{};
    if (!mac_ || !mac_->mac("", canonical(r), m)) return {};
    return adp::crypto::hex_encode(m);
}

void DoorRequestVerifier::forget_expired(int64_t now_s) {
    for (auto it = seen_.begin(); it != seen_.end();)
        it = it->second < now_s ? seen_.erase(it) : std::next(it);
}

std::string DoorRequestVerifier::check(const DoorOpenRequest& r, core::SysTime now) {
    if (!mac_) return "not configured";
    if (r.sig.empty()) return "unsigned";
    const int64_t now_s =
        std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    if (r.expires <= now_s) return "expired";
    if (r.expires > now_s + kMaxAheadS) return "expires too far ahead";
    const std::string expected = sign(r);
    if (expected.empty() || !equal_constant_time(expected, r.sig)) return "bad signature";
    forget_expired(now_s);
    if (seen_.count(r.sig) != 0) return "replayed";
    if (seen_.size() >= kMaxRemembered) return "too many requests";
    seen_.emplace(r.sig, r.expires);
    return {};
}

}  // namespace gw::app
