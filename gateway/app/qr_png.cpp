#include "qr_png.hpp"

#include <qrencode.h>
#include <zlib.h>

#include <cstdint>
#include <fstream>
#include <memory>
#include <vector>

namespace gw::app {

namespace {

constexpr int kScale = 4;
constexpr int kQuiet = 4;

void put_u32(std::string& out, uint32_t v) {
    for (int s = 24; s >= 0; s -= 8) out += static_cast<char>((v >> s) & 0xff);
}

void chunk(std::string& png, const char* type, const std::string& data) {
    put_u32(png, static_cast<uint32_t>(data.size()));
    const std::string body = std::string(type, 4) + data;
    png += body;
    put_u32(png, static_cast<uint32_t>(
                     crc32(0, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()))));
}

/// Filter-0 rows of an 8-bit grey image: black modules, white quiet zone.
std::string pixels(const QRcode& q, int side) {
    std::string raw;
    raw.reserve(static_cast<size_t>(side) * (side + 1));
    for (int y = 0; y < side; ++y) {
        raw += '\0';
        const int my = y / kScale - kQuiet;
        for (int x = 0; x < side; ++x) {
            const int mx = x / kScale - kQuiet;
            const bool inside = mx >= 0 && my >= 0 && mx < q.width && my < q.width;
            const bool dark = inside && (q.data[my * q.width + mx] & 1);
            raw += static_cast<char>(dark ? 0x00 : 0xff);
        }
    }
    return raw;
}

std::string png_of(const QRcode& q) {
    const int side = (q.width + 2 * kQuiet) * kScale;
    const std::string raw = pixels(q, side);
    uLongf len = compressBound(static_cast<uLong>(raw.size()));
    std::vector<Bytef> z(len);
    if (compress(z.data(), &len, reinterpret_cast<const Bytef*>(raw.data()),
                 static_cast<uLong>(raw.size())) != Z_OK)
        return {};
    std::string png("\x89PNG\r\n\x1a\n", 8), ihdr;
    put_u32(ihdr, static_cast<uint32_t>(side));
    put_u32(ihdr, static_cast<uint32_t>(side));
    ihdr += std::string("\x08\x00\x00\x00\x00", 5);  // 8-bit grey, deflate, filter 0, no interlace
    chunk(png, "IHDR", ihdr);
    chunk(png, "IDAT", std::string(reinterpret_cast<const char*>(z.data()), len));
    chunk(png, "IEND", {});
    return png;
}

}  // namespace

bool write_qr_png(const std::string& text, const std::string& path) {
    std::unique_ptr<QRcode, decltype(&QRcode_free)> q(
        QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
    if (!q) return false;
    const std::string png = png_of(*q);
    if (png.empty()) return false;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << png;
    return static_cast<bool>(out);
}

}  // namespace gw::app
