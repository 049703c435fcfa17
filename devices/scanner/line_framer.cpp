#include "line_framer.hpp"

namespace gw::dev::scanner {

namespace {

bool terminator(char c) {
    return c == '\r' || c == '\n';
}

bool control(unsigned char c) {
    return c < 0x20 || c == 0x7f;
}

/// Length of the UTF-8 sequence led by `c`, 0 when `c` cannot lead one.
size_t sequence_length(unsigned char c) {
    if (c < 0x80) return 1;
    if (c >= 0xc2 && c <= 0xdf) return 2;
    if (c >= 0xe0 && c <= 0xef) return 3;
    if (c >= 0xf0 && c <= 0xf4) return 4;
    return 0;
}

bool continuation(unsigned char c) {
    return (c & 0xc0) == 0x80;
}

}  // namespace

bool valid_utf8(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        const size_t n = sequence_length(c);
        if (n == 0 || i + n > s.size()) return false;
        for (size_t k = 1; k < n; ++k)
            if (!continuation(static_cast<unsigned char>(s[i + k]))) return false;
        if (n > 2) {  // the second byte's range rules out overlongs, surrogates, > U+10FFFF
            const auto c1 = static_cast<unsigned char>(s[i + 1]);
            if (c == 0xe0 && c1 < 0xa0) return false;
            if (c == 0xed && c1 > 0x9f) return false;
            if (c == 0xf0 && c1 < 0x90) return false;
            if (c == 0xf4 && c1 > 0x8f) return false;
        }
        i += n;
    }
    return true;
}

LineFramer::LineFramer(LineFramerOptions opts) : opts_(opts) {
    if (opts_.max_length == 0) opts_.max_length = 1;
}

void LineFramer::feed(std::string_view bytes, TimePoint now, std::vector<std::string>& out) {
    if (bytes.empty()) return;
    idle(now, out);
    for (char c : bytes) {
        if (terminator(c)) {
            finish(out);
            continue;
        }
        add(c);
    }
    last_ = now;
}

void LineFramer::add(char c) {
    ++length_;
    if (state_ == State::Overlong) return;
    if (length_ > opts_.max_length) {
        // Counted once, now: a stream that never ends its line is still seen in the counters.
        state_ = State::Overlong;
        ++counters_.overlong;
        pending_.clear();
        pending_.shrink_to_fit();
        return;
    }
    if (control(static_cast<unsigned char>(c))) state_ = State::Garbage;
    if (state_ == State::Clean) pending_.push_back(c);
}

void LineFramer::finish(std::vector<std::string>& out) {
    const State state = state_;
    const bool empty = length_ == 0;
    std::string code = std::move(pending_);
    reset();
    if (empty || state == State::Overlong) return;
    if (state == State::Garbage || !valid_utf8(code)) {
        ++counters_.garbage;
        return;
    }
    ++counters_.lines;
    out.push_back(std::move(code));
}

void LineFramer::idle(TimePoint now, std::vector<std::string>& out) {
    const auto due = deadline();
    if (due && now >= *due) finish(out);
}

std::optional<LineFramer::TimePoint> LineFramer::deadline() const {
    if (!opts_.idle_terminator || length_ == 0) return std::nullopt;
    return last_ + *opts_.idle_terminator;
}

void LineFramer::reset() {
    pending_.clear();
    length_ = 0;
    state_ = State::Clean;
}

std::vector<core::DeviceCounter> refused_counters(const ScannerCounters& c) {
    return {{"scan_overlong", c.overlong},
            {"scan_garbage", c.garbage},
            {"scan_unknown_keys", c.unknown_keys}};
}

}  // namespace gw::dev::scanner
