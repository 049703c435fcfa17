#include "native_apdu.hpp"

#include "desfire_error.hpp"

namespace gw::dev::nfc::desfire {

namespace {
constexpr uint8_t kCla = 0x90;
constexpr uint8_t kSw1 = 0x91;
}  // namespace

Bytes wrap_native(uint8_t command, ByteView params) {
    Bytes apdu{kCla, command, 0x00, 0x00};
    if (!params.empty()) {
        apdu.push_back(static_cast<uint8_t>(params.size()));
        apdu.insert(apdu.end(), params.begin(), params.end());
    }
    apdu.push_back(0x00);  // Le: as much as the card has
    return apdu;
}

core::Result<NativeResponse> unwrap_native(ByteView r) {
    if (r.size() < 2 || r[r.size() - 2] != kSw1)
        return core::Error{make_error_code(DesfireErrc::NotDesfire), "card answer"};
    return NativeResponse{r.back(), Bytes(r.begin(), r.end() - 2)};
}

}  // namespace gw::dev::nfc::desfire
