#include "an10922.hpp"

#include "aes_cmac.hpp"
#include "desfire_error.hpp"

namespace gw::dev::nfc::desfire {

namespace {
constexpr uint8_t kAes128DivConstant = 0x01;  // AN10922 §2.2: AES-128 key
constexpr size_t kMaxInput = 31;
}  // namespace

core::Result<AesKey> diversify_an10922(const AesKey& master, ByteView m) {
    if (m.empty() || m.size() > kMaxInput)
        return core::Error{make_error_code(DesfireErrc::BadLength), "AN10922 input"};
    Bytes d{kAes128DivConstant};
    d.insert(d.end(), m.begin(), m.end());
    auto k = aes_cmac(master, d);
    if (!k) return k.error();
    return AesKey(*k);
}

}  // namespace gw::dev::nfc::desfire
