#include "event_seq.hpp"

namespace gw::core {

std::string with_seq(std::string_view payload, uint64_t from, uint64_t to) {
    const std::string needle = "\"seq\":" + std::to_string(from);
    for (size_t pos = payload.find(needle); pos != std::string_view::npos;
         pos = payload.find(needle, pos + 1)) {
        const size_t end = pos + needle.size();
        if (end < payload.size() && payload[end] >= '0' && payload[end] <= '9') continue;
        std::string out;
        out.reserve(payload.size() + 4);
        out.append(payload.substr(0, pos)).append("\"seq\":").append(std::to_string(to));
        out.append(payload.substr(end));
        return out;
    }
    return std::string(payload);
}

}  // namespace gw::core
