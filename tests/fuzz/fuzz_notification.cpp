// Fuzz target: e-ID change notifications (eid-sync-v1 §6), the MQTT payloads of
// campus/v1/{site}/eid/notify and campus/v1/eid/notify that SyncRunner::notify() decodes.
#include <cstdint>
#include <string_view>

#include "adapters/eid/field_checks.hpp"
#include "adapters/eid/revocations_parser.hpp"

namespace {

bool valid_cursor(const std::optional<std::string>& c) {
    return !c || (!c->empty() && c->size() <= gw::adp::eid::kMaxCursorBytes &&
                  gw::adp::eid::printable(*c));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view in(reinterpret_cast<const char*>(data), size);
    auto n = gw::adp::eid::parse_notification(in);
    if (n && (!valid_cursor(n->roster_cursor) || !valid_cursor(n->revocations_cursor)))
        __builtin_trap();
    return 0;
}
