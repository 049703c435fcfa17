// Fuzz target: e-ID revocation pages (eid-sync-v1 §5), as the sync reads them.
#include <cstdint>
#include <string_view>

#include "adapters/eid/field_checks.hpp"
#include "adapters/eid/revocations_parser.hpp"

namespace {

bool hex_cid(std::string_view s) {
    if (s.empty() || s.size() > gw::adp::eid::kMaxIdBytes) return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view in(reinterpret_cast<const char*>(data), size);
    auto page = gw::adp::eid::parse_revocations(in);
    if (!page) {
        if (page.error().context.empty()) __builtin_trap();  // every refusal has a reason
        return 0;
    }
    const auto& p = page.value();
    if (p.cursor.empty() || p.cursor.size() > gw::adp::eid::kMaxCursorBytes ||
        !gw::adp::eid::printable(p.cursor))
        __builtin_trap();
    for (const auto* list : {&p.revoked, &p.restored})
        for (const auto& cid : *list)
            if (!hex_cid(cid)) __builtin_trap();
    return 0;
}
