// Fuzz target: the strict bounded CBOR reader (well-formedness check, then a full skip).
#include <cstdint>
#include <string_view>

#include "gateway/core/qr/cbor_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace gw::core::qr;
    const std::string_view in(reinterpret_cast<const char*>(data), size);
    const bool ok = cbor_well_formed(in);
    CborReader r(in);
    const bool skipped = r.skip();
    // a well-formed item is one complete item that the cursor can skip to the end
    if (ok && (!skipped || !r.at_end())) __builtin_trap();
    return 0;
}
