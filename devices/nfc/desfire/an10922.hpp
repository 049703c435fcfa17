#pragma once
// NXP AN10922 key diversification, AES-128: the diversified key is the AES-CMAC, under the
// master key, of 0x01 || M, where M (1..31 bytes) is the diversification input (for
// campus-card-v1: UID || AID || system identifier). With M shorter than 31 bytes the CMAC's
// own 10* padding and subkey K2 give exactly AN10922's padded 32-byte block. Pure.
// Errors: DesfireErrc::BadLength (M empty or longer than 31 bytes), CryptoFailed.
#include "bytes.hpp"
#include "gateway/core/result.hpp"

namespace gw::dev::nfc::desfire {

core::Result<AesKey> diversify_an10922(const AesKey& master, ByteView m);

}  // namespace gw::dev::nfc::desfire
