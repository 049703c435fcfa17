// Why two passes: cbor_well_formed() rejects everything structurally wrong (indefinite
// lengths, depth, duplicate keys, trailing bytes) with one bounded iterative walk, so the
// typed extraction that follows can stay simple and never meets a surprise.
#include "cbor_reader.hpp"

#include <array>
#include <limits>
#include <string>
#include <vector>

namespace gw::core::qr {

namespace {

constexpr size_t kStackCap = 8;

struct Head {
    uint8_t major = 0;
    uint8_t info = 0;
    uint64_t arg = 0;
};

/// One item head; false on truncation, reserved info (28-30) or indefinite length (31).
bool read_head(std::string_view in, size_t& pos, Head& h) {
    if (pos >= in.size()) return false;
    const auto b = static_cast<uint8_t>(in[pos++]);
    h.major = static_cast<uint8_t>(b >> 5);
    h.info = static_cast<uint8_t>(b & 0x1f);
    if (h.info < 24) {
        h.arg = h.info;
        return true;
    }
    if (h.info > 27) return false;
    const size_t n = size_t{1} << (h.info - 24);
    if (in.size() - pos < n) return false;
    h.arg = 0;
    for (size_t i = 0; i < n; ++i) h.arg = (h.arg << 8) | static_cast<uint8_t>(in[pos++]);
    return true;
}

struct Frame {
    uint64_t remaining = 0;  // items still to read (2 per map pair)
    bool map = false;
    size_t keys_begin = 0;  // index into the key list of this map's keys
};

/// A map key as a comparable value: major type, then the integer or the string content.
bool key_of(std::string_view in, size_t end, const Head& h, std::string& key) {
    key.assign(1, static_cast<char>(h.major));
    if (h.major <= 1) {
        for (int i = 7; i >= 0; --i) key += static_cast<char>((h.arg >> (8 * i)) & 0xff);
        return true;
    }
    if (h.major == 2 || h.major == 3) {
        key.append(in.substr(end - h.arg, h.arg));
        return true;
    }
    return false;  // only integer and string keys
}

class WellFormed {
public:
    WellFormed(std::string_view in, const CborLimits& l) : in_(in), limits_(l) {}

    bool run() {
        if (in_.empty() || in_.size() > limits_.max_bytes) return false;
        if (limits_.max_depth >= kStackCap) return false;
        do {
            if (!item()) return false;
        } while (depth_ > 0);
        return pos_ == in_.size();
    }

private:
    bool item() {
        Head h;
        if (!read_head(in_, pos_, h)) return false;
        const bool is_key =
            depth_ > 0 && stack_[depth_ - 1].map && stack_[depth_ - 1].remaining % 2 == 0;
        if (!body(h)) return false;
        if (h.major >= 4 && h.major <= 6 && depth_ + 1 > limits_.max_depth) return false;
        if (is_key && !add_key(h)) return false;
        if ((h.major == 4 || h.major == 5) && h.arg > 0)
            return push(h.major == 5 ? h.arg * 2 : h.arg, h.major == 5);
        if (h.major == 6) return push(1, false);
        complete();
        return true;
    }

    bool body(const Head& h) {
        const size_t left = in_.size() - pos_;
        switch (h.major) {
            case 2:
            case 3:
                if (h.arg > left) return false;
                pos_ += static_cast<size_t>(h.arg);
                return true;
            case 4:
            case 5:
                return h.arg <= limits_.max_items && h.arg <= left;
            case 7:
                return !(h.info == 24 && h.arg < 32);
            default:
                return true;
        }
    }

    bool add_key(const Head& h) {
        std::string key;
        if (!key_of(in_, pos_, h, key)) return false;
        for (size_t i = stack_[depth_ - 1].keys_begin; i < keys_.size(); ++i)
            if (keys_[i] == key) return false;
        keys_.push_back(std::move(key));
        return true;
    }

    bool push(uint64_t items, bool map) {
        if (depth_ + 1 > limits_.max_depth) return false;
        stack_[depth_++] = Frame{items, map, keys_.size()};
        return true;
    }

    /// One item finished: count it in its container, closing containers that are full.
    void complete() {
        while (depth_ > 0) {
            Frame& top = stack_[depth_ - 1];
            if (--top.remaining > 0) return;
            keys_.resize(top.keys_begin);
            --depth_;
        }
    }

    std::string_view in_;
    const CborLimits& limits_;
    size_t pos_ = 0;
    size_t depth_ = 0;
    std::array<Frame, kStackCap> stack_{};
    std::vector<std::string> keys_;
};

}  // namespace

bool cbor_well_formed(std::string_view bytes, const CborLimits& limits) {
    return WellFormed(bytes, limits).run();
}

bool CborReader::head(uint8_t& major, uint8_t& info, uint64_t& arg) {
    Head h;
    if (!read_head(in_, pos_, h)) {
        pos_ = in_.size();
        return false;
    }
    major = h.major;
    info = h.info;
    arg = h.arg;
    return true;
}

bool CborReader::peek(CborMajor& major) const {
    if (at_end()) return false;
    major = static_cast<CborMajor>(static_cast<uint8_t>(in_[pos_]) >> 5);
    return true;
}

bool CborReader::read_uint(uint64_t& v) {
    uint8_t major = 0, info = 0;
    return head(major, info, v) && major == 0;
}

bool CborReader::read_int(int64_t& v) {
    uint8_t major = 0, info = 0;
    uint64_t arg = 0;
    if (!head(major, info, arg) || major > 1) return false;
    if (arg > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return false;
    v = major == 0 ? static_cast<int64_t>(arg) : -1 - static_cast<int64_t>(arg);
    return true;
}

bool CborReader::read_string(uint8_t want, std::string_view& v) {
    uint8_t major = 0, info = 0;
    uint64_t len = 0;
    if (!head(major, info, len) || major != want || len > in_.size() - pos_) return false;
    v = in_.substr(pos_, static_cast<size_t>(len));
    pos_ += static_cast<size_t>(len);
    return true;
}

bool CborReader::read_bstr(std::string_view& v) {
    return read_string(2, v);
}
bool CborReader::read_tstr(std::string_view& v) {
    return read_string(3, v);
}

bool CborReader::read_bool(bool& v) {
    uint8_t major = 0, info = 0;
    uint64_t arg = 0;
    if (!head(major, info, arg) || major != 7 || (info != 20 && info != 21)) return false;
    v = info == 21;
    return true;
}

bool CborReader::read_array(uint64_t& count) {
    uint8_t major = 0, info = 0;
    return head(major, info, count) && major == 4 && count <= in_.size() - pos_;
}

bool CborReader::read_map(uint64_t& count) {
    uint8_t major = 0, info = 0;
    return head(major, info, count) && major == 5 && count <= in_.size() - pos_;
}

bool CborReader::read_tag(uint64_t& tag) {
    uint8_t major = 0, info = 0;
    return head(major, info, tag) && major == 6;
}

bool CborReader::skip() {
    uint64_t pending = 1;
    while (pending > 0) {
        --pending;
        uint8_t major = 0, info = 0;
        uint64_t arg = 0;
        if (!head(major, info, arg)) return false;
        const size_t left = in_.size() - pos_;
        if (major == 2 || major == 3) {
            if (arg > left) return false;
            pos_ += static_cast<size_t>(arg);
        } else if (major == 4 || major == 5) {
            if (arg > left) return false;  // every item takes at least one byte
            pending += major == 5 ? arg * 2 : arg;
        } else if (major == 6) {
            ++pending;
        }
        if (pending > in_.size() - pos_) return false;
    }
    return true;
}

}  // namespace gw::core::qr
