#pragma once
// AES-128 CMAC (NIST SP 800-38B, RFC 4493) with a settable starting IV: DESFire EV1 secure
// messaging chains its IV through every CMAC, and AN10922 key diversification is a CMAC
// with a zero IV. Returns the full 16-byte final block (DESFire sends its first 8 bytes and
// keeps all 16 as the next IV). Pure; thread-safe. Errors: DesfireErrc::CryptoFailed.
#include "bytes.hpp"
#include "gateway/core/result.hpp"

namespace gw::dev::nfc::desfire {

core::Result<Block> aes_cmac(const AesKey& key, ByteView data, const Block& iv = Block{});

}  // namespace gw::dev::nfc::desfire
