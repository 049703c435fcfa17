// Fuzz target: the admin's TOML config (gateway/config). The loader reads files, so each
// input is written to a private temp file first.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "gateway/config/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const std::string path = [] {
        char dir[] = "/tmp/gw-fuzz-config.XXXXXX";
        return std::string(mkdtemp(dir)) + "/campusgw.toml";
    }();
    if (FILE* f = std::fopen(path.c_str(), "wb")) {
        std::fwrite(data, 1, size, f);
        std::fclose(f);
    }
    auto r = gw::config::load_config(path);
    for (const auto& e : r.errors)
        if (e.message.empty()) __builtin_trap();  // every error says what was expected
    return 0;
}
