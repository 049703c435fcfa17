#pragma once
// A minimal streaming JSON writer for the hot path (events, answers). Produces compact
// UTF-8 JSON; strings are escaped per RFC 8259. Not thread-safe; cheap to create.
#include <cstdint>
#include <string>
#include <string_view>

namespace gw::core {

class JsonWriter {
public:
    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view k);
    JsonWriter& value(std::string_view s);
    JsonWriter& value(const char* s) { return value(std::string_view(s)); }
    JsonWriter& value(int64_t n);
    JsonWriter& value(uint64_t n);
    JsonWriter& value(int n) { return value(static_cast<int64_t>(n)); }
    JsonWriter& value(bool b);
    JsonWriter& raw(std::string_view json);  // an already-serialised value
    /// key(k).value(v) in one call.
    template <class T>
    JsonWriter& field(std::string_view k, const T& v) {
        key(k);
        return value(v);
    }

    const std::string& str() const { return out_; }
    std::string take() { return std::move(out_); }

private:
    void separator();
    std::string out_;
    bool need_comma_ = false;
};

void json_escape_into(std::string& out, std::string_view s);

}  // namespace gw::core
