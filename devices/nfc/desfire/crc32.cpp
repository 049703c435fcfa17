#include "crc32.hpp"

namespace gw::dev::nfc::desfire {

uint32_t desfire_crc32(ByteView data) {
    uint32_t crc = 0xFFFFFFFFu;
    for (uint8_t b : data) {
        crc ^= b;
        for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return crc;
}

}  // namespace gw::dev::nfc::desfire
