// Fuzz target: the e-ID trust list body (eid-sync-v1 §4) after its signature was checked,
// and (on the raw input) the RFC 3339 timestamp parser its key validity fields use.
#include <cstdint>
#include <string_view>

#include "adapters/eid/rfc3339.hpp"
#include "adapters/eid/trust_list_parser.hpp"

namespace {

bool base64url_kid(std::string_view s) {
    if (s.size() != 11) return false;
    for (char c : s)
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_'))
            return false;
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view in(reinterpret_cast<const char*>(data), size);
    (void)gw::adp::eid::parse_rfc3339(in);  // no crash, no overflow (UBSan) on any text
    auto list = gw::adp::eid::parse_trust_list(in);
    if (!list) return 0;
    if (list->version < 1) __builtin_trap();
    for (const auto& k : list->keys) {
        if (!base64url_kid(k.kid) || k.alg != "ES256" || k.spki.empty() || k.spki.size() % 4)
            __builtin_trap();
        if (!(k.not_before < k.not_after)) __builtin_trap();
    }
    return 0;
}
