#pragma once
// CryptoErrc: failures of the crypto adapter as a typed enum with its own
// std::error_category ("crypto"). OpenSSL's return values are translated into these inside
// the adapter. File-system failures are reported as std::system_category codes (errno).
#include <system_error>

namespace gw::adp::crypto {

enum class CryptoErrc {
    // 0 is reserved for "no error" (std::error_code convention).
    KeyWrongSize = 1,        // the key file does not hold exactly 32 bytes
    KeyInsecurePermissions,  // the key file is accessible to group or others
    KeyNotRegularFile,       // the key path is not a regular file
    RandomFailed,            // the OpenSSL random generator failed
    MacFailed,               // OpenSSL could not compute an HMAC
    KeyInvalid,              // an EC key could not be generated or parsed, or is not P-256
};

const std::error_category& crypto_category() noexcept;

inline std::error_code make_error_code(CryptoErrc e) noexcept {
    return {static_cast<int>(e), crypto_category()};
}

}  // namespace gw::adp::crypto

template <>
struct std::is_error_code_enum<gw::adp::crypto::CryptoErrc> : std::true_type {};
