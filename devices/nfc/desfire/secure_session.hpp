#pragma once
// SecureSession: DESFire EV1 secure messaging after an AES authentication. Holds the
// session key and the IV that every command and response moves forward:
// - a command sent in plain still has its CMAC computed (not sent): the IV becomes it;
// - an enciphered response is AES-CBC(IV, data || CRC32(data || status) || 00-padding);
//   the IV becomes its last cipher block;
// - a plain response carries the first 8 bytes of CMAC(IV, data || status); the IV becomes
//   the full CMAC.
// Pure (no I/O); one session per card visit; not thread-safe (one reader thread owns it).
#include "bytes.hpp"
#include "gateway/core/result.hpp"

namespace gw::dev::nfc::desfire {

class SecureSession {
public:
    explicit SecureSession(const AesKey& session_key) : key_(session_key) {}

    const AesKey& session_key() const { return key_; }
    const Block& iv() const { return iv_; }

    /// Moves the IV over a command sent in plain (command code and parameters).
    core::Status command(ByteView command);

    /// Deciphers an enciphered answer that must hold exactly `length` data bytes.
    /// Errors: BadLength (not exactly the padded size), CrcMismatch, BadPadding.
    core::Result<Bytes> decipher(ByteView cipher, size_t length, uint8_t status);

    /// Checks the 8-byte CMAC at the end of a plain answer; returns the data before it.
    /// Errors: BadLength (fewer than 8 bytes), CardProofFailed (wrong MAC).
    core::Result<Bytes> verify_mac(ByteView data_and_mac, uint8_t status);

private:
    AesKey key_;
    Block iv_{};
};

}  // namespace gw::dev::nfc::desfire
