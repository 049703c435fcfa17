#pragma once
// Minimal CBOR (RFC 8949) writer: preferred (shortest) heads, definite lengths. Used for the
// COSE Sig_structure and by the test issuer. The caller writes the right number of elements
// after array()/map(). Not thread-safe; cheap.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace gw::core::qr {

class CborWriter {
public:
    CborWriter& uint(uint64_t v);
    /// Any integer: major type 0 when v >= 0, else major type 1.
    CborWriter& integer(int64_t v);
    CborWriter& bstr(std::string_view v);
    CborWriter& tstr(std::string_view v);
    CborWriter& array(uint64_t count);
    CborWriter& map(uint64_t count);
    CborWriter& boolean(bool v);
    CborWriter& tag(uint64_t v);
    /// Appends an already encoded item as is.
    CborWriter& raw(std::string_view encoded);

    const std::string& bytes() const { return out_; }
    std::string take() { return std::move(out_); }

private:
    void head(uint8_t major, uint64_t arg);
    std::string out_;
};

}  // namespace gw::core::qr
