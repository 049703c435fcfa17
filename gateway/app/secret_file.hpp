#pragma once
// Reads a secret (password, token) from a file named in the config. Secrets never come
// from the config text. Trailing newline is stripped; the content is never logged.
#include <string>

#include "gateway/core/result.hpp"

namespace gw::app {

core::Result<std::string> read_secret_file(const std::string& path);

}  // namespace gw::app
