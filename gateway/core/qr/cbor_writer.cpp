#include "cbor_writer.hpp"

namespace gw::core::qr {

void CborWriter::head(uint8_t major, uint64_t arg) {
    const auto m = static_cast<uint8_t>(major << 5);
    if (arg < 24) {
        out_ += static_cast<char>(m | arg);
        return;
    }
    int bytes = 8;
    uint8_t info = 27;
    if (arg <= 0xff)
        bytes = 1, info = 24;
    else if (arg <= 0xffff)
        bytes = 2, info = 25;
    else if (arg <= 0xffffffff)
        bytes = 4, info = 26;
    out_ += static_cast<char>(m | info);
    for (int i = bytes - 1; i >= 0; --i) out_ += static_cast<char>((arg >> (8 * i)) & 0xff);
}

CborWriter& CborWriter::uint(uint64_t v) {
    head(0, v);
    return *this;
}

CborWriter& CborWriter::integer(int64_t v) {
    if (v >= 0)
        head(0, static_cast<uint64_t>(v));
    else
        head(1, static_cast<uint64_t>(-(v + 1)));
    return *this;
}

CborWriter& CborWriter::bstr(std::string_view v) {
    head(2, v.size());
    out_.append(v);
    return *this;
}

CborWriter& CborWriter::tstr(std::string_view v) {
    head(3, v.size());
    out_.append(v);
    return *this;
}

CborWriter& CborWriter::array(uint64_t count) {
    head(4, count);
    return *this;
}
CborWriter& CborWriter::map(uint64_t count) {
    head(5, count);
    return *this;
}
CborWriter& CborWriter::tag(uint64_t v) {
    head(6, v);
    return *this;
}

CborWriter& CborWriter::boolean(bool v) {
    out_ += static_cast<char>(v ? 0xf5 : 0xf4);
    return *this;
}

CborWriter& CborWriter::raw(std::string_view encoded) {
    out_.append(encoded);
    return *this;
}

}  // namespace gw::core::qr
