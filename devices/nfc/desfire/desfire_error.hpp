#pragma once
// DesfireErrc: why reading a DESFire card failed, as a typed enum with its own
// std::error_category ("desfire"). OpenSSL failures and card status bytes are translated
// into these inside this library; nothing else sees an OpenSSL return code or a raw status.
#include <system_error>

namespace gw::dev::nfc::desfire {

enum class DesfireErrc {
    // 0 is reserved for "no error" (std::error_code convention).
    CardSilent = 1,       // the transport got no (valid) answer: the card may have left
    NotDesfire,           // the answer is not a DESFire native response (no 91 xx status)
    ApplicationNotFound,  // status A0: the card has no campus application
    AuthenticationError,  // status AE: the card refused our key (a clone or a foreign card)
    PermissionDenied,     // status 9D: the key may not read the file
    CardStatus,           // any other unexpected card status
    BadLength,            // an answer of the wrong length
    CardProofFailed,      // the card's answer to our challenge does not match: wrong key
    CrcMismatch,          // the deciphered file fails its CRC32
    BadPadding,           // padding after the CRC (or after the credential id) is not zero
    BadCredential,        // the file holds no usable credential id
    CryptoFailed,         // OpenSSL could not run AES
    BadKeyFile,           // the master key file is not 32 hex digits or is readable by others
};

const std::error_category& desfire_category() noexcept;

inline std::error_code make_error_code(DesfireErrc e) noexcept {
    return {static_cast<int>(e), desfire_category()};
}

}  // namespace gw::dev::nfc::desfire

template <>
struct std::is_error_code_enum<gw::dev::nfc::desfire::DesfireErrc> : std::true_type {};
