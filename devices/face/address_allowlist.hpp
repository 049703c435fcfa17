#pragma once
// The set of peer addresses a listener accepts (config `allow_from`: IPs and CIDR
// networks, IPv4 or IPv6; IPv4-mapped IPv6 peers match IPv4 entries). Immutable after
// construction; thread-safe.
#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace gw::dev::face {

class AddressAllowlist {
public:
    /// Entries that do not parse are skipped (the config validator has refused them).
    explicit AddressAllowlist(const std::vector<std::string>& entries);
    bool allows(std::string_view address) const;
    bool empty() const { return nets_.empty(); }

private:
    struct Net {
        std::array<unsigned char, 16> bytes{};
        int prefix = 128;  // in bits of the 16-byte (IPv4-mapped) form
    };
    std::vector<Net> nets_;
};

}  // namespace gw::dev::face
