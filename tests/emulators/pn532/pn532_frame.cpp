#include "pn532_frame.hpp"

namespace gw::test::pn532 {

namespace {

uint8_t checksum(const uint8_t* p, size_t n, uint8_t start = 0) {
    unsigned sum = start;
    for (size_t i = 0; i < n; ++i) sum += p[i];
    return static_cast<uint8_t>((0x100 - (sum & 0xff)) & 0xff);
}

}  // namespace

Bytes ack_frame() { return {0x00, 0x00, 0xff, 0x00, 0xff, 0x00}; }

Bytes error_frame() { return {0x00, 0x00, 0xff, 0x01, 0xff, 0x7f, 0x81, 0x00}; }

Bytes build_frame(uint8_t tfi, const Bytes& data) {
    const size_t len = data.size() + 1;
    Bytes f;
    f.reserve(len + 10);
    for (uint8_t b : {uint8_t{0x00}, uint8_t{0x00}, uint8_t{0xff}}) f.push_back(b);
    if (len > 255) {
        const uint8_t hi = static_cast<uint8_t>(len >> 8), lo = static_cast<uint8_t>(len);
        for (uint8_t b : {uint8_t{0xff}, uint8_t{0xff}, hi, lo}) f.push_back(b);
        f.push_back(checksum(f.data() + 5, 2));
    } else {
        f.push_back(static_cast<uint8_t>(len));
        f.push_back(checksum(&f[3], 1));
    }
    f.push_back(tfi);
    f.insert(f.end(), data.begin(), data.end());
    f.push_back(checksum(data.data(), data.size(), tfi));
    f.push_back(0x00);
    return f;
}

// Parses a frame whose 00 FF start code is at `start` (preamble optional). Sets `consumed`
// to the bytes used; returns nullopt (consumed 0) when the frame is not complete yet.
std::optional<Frame> FrameParser::parse_at(size_t start, size_t& consumed) const {
    consumed = 0;
    const size_t avail = buf_.size() - start;
    if (avail < 4) return std::nullopt;
    const uint8_t* p = &buf_[start + 2];  // after 00 FF
    if (p[0] == 0x00 && p[1] == 0xff) {
        consumed = 4 + (avail > 4 ? 1 : 0);
        return Frame{Frame::Kind::Ack, 0, {}};
    }
    if (p[0] == 0xff && p[1] == 0x00) {
        consumed = 4 + (avail > 4 ? 1 : 0);
        return Frame{Frame::Kind::Nack, 0, {}};
    }
    size_t len = p[0], head = 2;  // bytes after 00 FF before TFI
    if (p[0] == 0xff && p[1] == 0xff) {
        if (avail < 7) return std::nullopt;
        len = size_t{p[2]} << 8 | p[3];
        head = 5;
        if (checksum(p + 2, 2) != p[4]) {
            consumed = 2 + head;
            return Frame{Frame::Kind::Broken, 0, {}};
        }
    } else if (static_cast<uint8_t>(p[0] + p[1]) != 0) {
        consumed = 2 + head;
        return Frame{Frame::Kind::Broken, 0, {}};
    }
    if (len == 0 || avail < 2 + head + len + 2) return std::nullopt;
    const uint8_t* body = p + head;
    consumed = 2 + head + len + 2;
    if (checksum(body, len) != body[len]) return Frame{Frame::Kind::Broken, 0, {}};
    return Frame{Frame::Kind::Information, body[0], Bytes(body + 1, body + len)};
}

std::optional<Frame> FrameParser::next() {
    for (size_t i = 0; i + 1 < buf_.size(); ++i) {
        if (buf_[i] != 0x00 || buf_[i + 1] != 0xff) continue;
        size_t used = 0;
        auto f = parse_at(i, used);
        if (!f) {
            buf_.erase(buf_.begin(), buf_.begin() + static_cast<std::ptrdiff_t>(i));
            return std::nullopt;  // wait for the rest of this frame
        }
        buf_.erase(buf_.begin(), buf_.begin() + static_cast<std::ptrdiff_t>(i + used));
        return f;
    }
    // No start code: keep a trailing 00 that may begin one, drop the noise before it.
    if (!buf_.empty()) buf_.erase(buf_.begin(), buf_.end() - (buf_.back() == 0x00 ? 1 : 0));
    return std::nullopt;
}

}  // namespace gw::test::pn532
