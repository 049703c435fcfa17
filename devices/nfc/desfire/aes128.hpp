#pragma once
// AES-128 in CBC mode without padding (DESFire EV1 pads itself), on OpenSSL. Pure functions;
// thread-safe. Errors: DesfireErrc::BadLength (data not a whole number of blocks),
// DesfireErrc::CryptoFailed (OpenSSL refused).
#include "bytes.hpp"
#include "gateway/core/result.hpp"

namespace gw::dev::nfc::desfire {

core::Result<Bytes> aes_cbc_encrypt(const AesKey& key, const Block& iv, ByteView data);
core::Result<Bytes> aes_cbc_decrypt(const AesKey& key, const Block& iv, ByteView data);

/// The last block of `data` (which must hold at least one): the next CBC IV.
Block last_block(ByteView data);

}  // namespace gw::dev::nfc::desfire
