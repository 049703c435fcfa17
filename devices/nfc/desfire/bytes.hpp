#pragma once
// Byte types shared by the DESFire code: byte strings, AES-128 keys and blocks.
#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace gw::dev::nfc::desfire {

using Bytes = std::vector<uint8_t>;
using ByteView = std::span<const uint8_t>;
constexpr size_t kBlockSize = 16;
using Block = std::array<uint8_t, kBlockSize>;
using AesKey = std::array<uint8_t, kBlockSize>;

}  // namespace gw::dev::nfc::desfire
