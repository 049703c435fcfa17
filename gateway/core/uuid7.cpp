#include "uuid7.hpp"

#include <chrono>

namespace gw::core {

Uuid7Generator::Uuid7Generator() : rng_(std::random_device{}()) {}

std::string Uuid7Generator::next(SysTime now) {
    int64_t ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch())
                     .count();
    if (ms <= last_ms_) {
        ms = last_ms_;
        counter_ = static_cast<uint16_t>((counter_ + 1) & 0x0fff);
        if (counter_ == 0) ms = ++last_ms_;  // counter wrapped: borrow the next ms
    } else {
        counter_ = static_cast<uint16_t>(rng_() & 0x07ff);  // leave headroom to count up
    }
    last_ms_ = ms;
    uint8_t b[16];
    for (int i = 0; i < 6; ++i) b[i] = static_cast<uint8_t>(static_cast<uint64_t>(ms) >> (40 - 8 * i));
    b[6] = static_cast<uint8_t>(0x70 | (counter_ >> 8));
    b[7] = static_cast<uint8_t>(counter_ & 0xff);
    uint64_t r = rng_();
    for (int i = 8; i < 16; ++i) b[i] = static_cast<uint8_t>(r >> (8 * (i - 8)));
    b[8] = static_cast<uint8_t>((b[8] & 0x3f) | 0x80);  // variant 10
    static constexpr char kHex[] = "0123456789abcdef";
    std::string s;
    s.reserve(36);
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) s.push_back('-');
        s.push_back(kHex[b[i] >> 4]);
        s.push_back(kHex[b[i] & 15]);
    }
    return s;
}

}  // namespace gw::core
