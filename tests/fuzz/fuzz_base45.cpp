// Fuzz target: strict Base45 (RFC 9285) decoding of the QR text after "CEID1:".
#include <cstdint>
#include <string_view>

#include "gateway/core/qr/base45.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view in(reinterpret_cast<const char*>(data), size);
    const auto bytes = gw::core::qr::base45_decode(in);
    if (bytes) {
        if (bytes->size() > size) __builtin_trap();
        // strict decoding is canonical: encoding gives back the input
        if (gw::core::qr::base45_encode(*bytes) != in) __builtin_trap();
    }
    return 0;
}
