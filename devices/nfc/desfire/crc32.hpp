#pragma once
// The CRC32 DESFire EV1 puts inside enciphered data: the IEEE 802.3 polynomial, reflected
// (0xEDB88320), preset 0xFFFFFFFF, and no final XOR. Sent little-endian. Pure.
#include <cstdint>

#include "bytes.hpp"

namespace gw::dev::nfc::desfire {

uint32_t desfire_crc32(ByteView data);

}  // namespace gw::dev::nfc::desfire
