// Fuzz target: e-ID roster pages (eid-sync-v1 §2), as `roster import` and the sync read them.
#include <cstdint>
#include <string_view>

#include "adapters/eid/roster_page_parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view in(reinterpret_cast<const char*>(data), size);
    auto pages = gw::adp::eid::parse_roster_file(in);
    if (pages) {
        for (const auto& p : pages.value())
            for (const auto& person : p.persons)
                if (person.id.empty() || person.id.size() > 64) __builtin_trap();
    }
    return 0;
}
