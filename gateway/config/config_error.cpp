// ConfigError::to_string: the one line an admin sees per problem, compiler style so editors
// and terminals can jump to it.
#include "config.hpp"

namespace gw::config {

std::string ConfigError::to_string() const {
    std::string out = file;
    if (line > 0) out += ":" + std::to_string(line) + ":" + std::to_string(column);
    if (!key.empty()) out += ": " + key;
    out += ": " + message;
    return out;
}

}  // namespace gw::config
