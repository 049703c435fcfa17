#pragma once
// Strict, bounded CBOR (RFC 8949) reading for CEID1 (eid-qr-v1 §2–§3).
//
// cbor_well_formed() checks a whole encoded item before anything is extracted from it:
// definite lengths only, nesting depth (arrays, maps and tags) at most `max_depth`, at most
// `max_items` elements per array/map, no reserved additional-information values, unique map
// keys (integers and strings compared by value), and the top-level item consumes every byte.
// It is iterative with a fixed-size stack: no recursion and no allocation that the input size
// does not bound.
//
// CborReader is a cursor that extracts typed values one by one; every read checks bounds and
// returns false on a type mismatch or truncation (the cursor is then unusable). skip() is
// iterative. Neither owns the bytes: the viewed buffer must outlive them. Not thread-safe
// (one cursor per thread); cheap to create.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace gw::core::qr {

struct CborLimits {
    size_t max_depth = 4;
    size_t max_items = 64;    // elements of one array, or pairs of one map
    size_t max_bytes = 2048;  // the whole encoded item
};

bool cbor_well_formed(std::string_view bytes, const CborLimits& limits = {});

enum class CborMajor : uint8_t {
    Uint = 0,
    Nint = 1,
    Bstr = 2,
    Tstr = 3,
    Array = 4,
    Map = 5,
    Tag = 6,
    Simple = 7
};

class CborReader {
public:
    explicit CborReader(std::string_view bytes) : in_(bytes) {}

    bool at_end() const { return pos_ >= in_.size(); }
    size_t position() const { return pos_; }
    /// The major type of the next item; false at the end.
    bool peek(CborMajor& major) const;

    bool read_uint(uint64_t& v);
    /// A major type 0 or 1 integer that fits in int64_t.
    bool read_int(int64_t& v);
    bool read_bstr(std::string_view& v);
    bool read_tstr(std::string_view& v);
    bool read_bool(bool& v);
    bool read_array(uint64_t& count);
    bool read_map(uint64_t& count);
    bool read_tag(uint64_t& tag);
    /// Skips one complete item (with its contents), iteratively.
    bool skip();

private:
    bool head(uint8_t& major, uint8_t& info, uint64_t& arg);
    bool read_string(uint8_t want, std::string_view& v);

    std::string_view in_;
    size_t pos_ = 0;
};

}  // namespace gw::core::qr
