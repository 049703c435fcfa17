#include "photo_check.hpp"

#include <csetjmp>
#include <cstdio>
#include <vector>

#include <jpeglib.h>

namespace gw::dev::face {

namespace {

// libjpeg reports fatal errors through error_exit, which must not return: the standard
// way out is longjmp back to decode(). Nothing with a destructor lives between the
// setjmp and the jump (the scratch row is owned outside), so skipping frames is safe.
struct ErrorManager {
    jpeg_error_mgr pub;
    std::jmp_buf jump;
};

void on_error(j_common_ptr cinfo) {
    auto* err = reinterpret_cast<ErrorManager*>(cinfo->err);
    std::longjmp(err->jump, 1);
}

// Warnings (corrupt or truncated data) are counted, not printed; a photo with any is refused.
void on_message(j_common_ptr cinfo, int level) {
    if (level < 0) ++cinfo->err->num_warnings;
}

struct Decoded {
    bool ok = false;
    int width = 0;
    int height = 0;
};

/// Everything a decode touches lives here, in memory, so a longjmp clobbers nothing.
struct DecodeJob {
    std::string_view bytes;
    int max_side = 0;
    std::vector<unsigned char> row;
    Decoded out;
    jpeg_decompress_struct cinfo{};
    ErrorManager err{};
};

// May leave by longjmp (through on_error) at any libjpeg call.
void decode_steps(DecodeJob& j) {
    jpeg_mem_src(&j.cinfo, reinterpret_cast<const unsigned char*>(j.bytes.data()),
                 static_cast<unsigned long>(j.bytes.size()));
    jpeg_read_header(&j.cinfo, TRUE);
    j.out.width = static_cast<int>(j.cinfo.image_width);
    j.out.height = static_cast<int>(j.cinfo.image_height);
    if (j.out.width > j.max_side || j.out.height > j.max_side) return;
    jpeg_start_decompress(&j.cinfo);
    j.row.resize(static_cast<size_t>(j.cinfo.output_width) * j.cinfo.output_components);
    JSAMPROW rows[1] = {j.row.data()};
    while (j.cinfo.output_scanline < j.cinfo.output_height) jpeg_read_scanlines(&j.cinfo, rows, 1);
    jpeg_finish_decompress(&j.cinfo);
    j.out.ok = j.err.pub.num_warnings == 0;
}

Decoded decode(DecodeJob& j) {
    j.cinfo.err = jpeg_std_error(&j.err.pub);
    j.err.pub.error_exit = on_error;
    j.err.pub.emit_message = on_message;
    jpeg_create_decompress(&j.cinfo);
    if (setjmp(j.err.jump) == 0) decode_steps(j);
    else j.out.ok = false;
    jpeg_destroy_decompress(&j.cinfo);
    return j.out;
}

PhotoVerdict refuse(std::string reason, std::string detail) {
    PhotoVerdict v;
    v.reason = std::move(reason);
    v.detail = std::move(detail);
    return v;
}

}  // namespace

PhotoVerdict check_photo(std::string_view bytes, const PhotoLimits& limits) {
    if (bytes.size() < 4 || static_cast<unsigned char>(bytes[0]) != 0xFF ||
        static_cast<unsigned char>(bytes[1]) != 0xD8 || static_cast<unsigned char>(bytes[2]) != 0xFF)
        return refuse("photo_not_jpeg", "no JPEG start-of-image marker");
    if (bytes.size() > limits.max_bytes)
        return refuse("photo_too_large", std::to_string(bytes.size()) + " bytes, limit " +
                                             std::to_string(limits.max_bytes));
    DecodeJob job;
    job.bytes = bytes;
    job.max_side = limits.max_side;
    const Decoded d = decode(job);
    const std::string dims = std::to_string(d.width) + "x" + std::to_string(d.height);
    if (d.width > limits.max_side || d.height > limits.max_side)
        return refuse("photo_too_large", dims + " px, limit " + std::to_string(limits.max_side));
    if (!d.ok) return refuse("photo_undecodable", "the JPEG data does not decode completely");
    if (d.width < limits.min_side || d.height < limits.min_side)
        return refuse("photo_too_small", dims + " px, at least " +
                                             std::to_string(limits.min_side) + " per side");
    PhotoVerdict v;
    v.ok = true;
    v.width = d.width;
    v.height = d.height;
    return v;
}

}  // namespace gw::dev::face
