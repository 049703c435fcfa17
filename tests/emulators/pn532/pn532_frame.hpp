#pragma once
// PN532 HSU (UART) framing, both directions, as a pure codec (no I/O): the emulator's
// parser and builder. Normal frames 00 00 FF LEN LCS TFI PD.. DCS 00, extended frames
// 00 00 FF FF FF LENm LENl LCS TFI PD.. DCS 00, ACK 00 00 FF 00 FF 00.
// Leading wake-up noise (55, 00) and any garbage before 00 FF are skipped.
#include <cstdint>
#include <optional>
#include <vector>

namespace gw::test::pn532 {

using Bytes = std::vector<uint8_t>;

struct Frame {
    enum class Kind { Ack, Nack, Information, Broken };
    Kind kind = Kind::Information;
    uint8_t tfi = 0;  // D4 host→chip, D5 chip→host
    Bytes data;       // PD0.. (command code first)
};

/// Incremental parser: feed bytes as they arrive, take frames as they complete.
class FrameParser {
public:
    void feed(const uint8_t* p, size_t n) { buf_.insert(buf_.end(), p, p + n); }
    void feed(const Bytes& b) { feed(b.data(), b.size()); }
    /// The next complete frame, or nullopt when more bytes are needed.
    std::optional<Frame> next();

private:
    std::optional<Frame> parse_at(size_t start, size_t& consumed) const;
    Bytes buf_;
};

Bytes build_frame(uint8_t tfi, const Bytes& data);
Bytes ack_frame();
/// The application error frame (syntax error): 00 00 FF 01 FF 7F 81 00.
Bytes error_frame();

}  // namespace gw::test::pn532
