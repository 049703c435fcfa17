#pragma once
// The campus card profile (shared/specs/campus-card-v1.md): where the credential lives on a
// DESFire card and how each card's read key is derived. Pure; thread-safe.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "bytes.hpp"
#include "gateway/core/result.hpp"

namespace gw::dev::nfc::desfire {

struct CampusCard {
    static constexpr std::array<uint8_t, 3> kAid{0x01, 0x10, 0xF5};  // 0xF51001, LSB first
    static constexpr uint8_t kReadKeyNo = 1;
    static constexpr uint8_t kFileNo = 1;
    static constexpr size_t kFileSize = 48;
    static constexpr size_t kUidSize = 7;
    static constexpr std::string_view kSystemId = "CAMPUSGW";
};

/// AN10922 diversification input: UID (7 bytes) || AID as on the wire || "CAMPUSGW".
/// Errors: DesfireErrc::BadLength when the UID is not 7 bytes.
core::Result<Bytes> campus_diversification_input(ByteView uid);

/// The card's read key (key 1) from the site's read master key. Errors: as above.
core::Result<AesKey> campus_read_key(const AesKey& master, ByteView uid);

/// The credential id from the 48-byte file: UTF-8 text padded with 0x00. Errors:
/// BadLength (not 48 bytes), BadPadding (a non-zero byte after the first 0x00),
/// BadCredential (empty, or holds a control character).
core::Result<std::string> parse_credential_file(ByteView content);

}  // namespace gw::dev::nfc::desfire
