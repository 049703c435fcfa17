#include "aes_cmac.hpp"

#include "aes128.hpp"

namespace gw::dev::nfc::desfire {
namespace {

/// Doubling in GF(2^128): shift left one bit, reduce with 0x87 when the top bit fell out.
Block dbl(const Block& in) {
    Block out{};
    for (size_t i = 0; i < kBlockSize; ++i) {
        const uint8_t next = i + 1 < kBlockSize ? static_cast<uint8_t>(in[i + 1] >> 7) : 0;
        out[i] = static_cast<uint8_t>((in[i] << 1) | next);
    }
    if (in[0] & 0x80) out[kBlockSize - 1] ^= 0x87;
    return out;
}

}  // namespace

core::Result<Block> aes_cmac(const AesKey& key, ByteView data, const Block& iv) {
    auto l = aes_cbc_encrypt(key, Block{}, Block{});
    if (!l) return l.error();
    const Block k1 = dbl(last_block(*l));
    const bool whole = !data.empty() && data.size() % kBlockSize == 0;
    Bytes m(data.begin(), data.end());
    if (!whole) {
        m.push_back(0x80);  // 10* padding, then K2
        while (m.size() % kBlockSize != 0) m.push_back(0x00);
    }
    const Block sub = whole ? k1 : dbl(k1);
    for (size_t i = 0; i < kBlockSize; ++i) m[m.size() - kBlockSize + i] ^= sub[i];
    auto c = aes_cbc_encrypt(key, iv, m);
    if (!c) return c.error();
    return last_block(*c);
}

}  // namespace gw::dev::nfc::desfire
