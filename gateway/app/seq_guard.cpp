#include "seq_guard.hpp"

#include <nlohmann/json.hpp>

namespace gw::app {

bool SeqGuard::acked(int id) {
    if (settled_ || !probe_ || *probe_ != id) return false;
    probe_.reset();
    settled_ = true;
    return true;
}

std::optional<uint64_t> SeqGuard::last_seq_of(std::string_view info_payload) {
    const auto j = nlohmann::json::parse(info_payload, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) return std::nullopt;
    const auto outbox = j.find("outbox");
    if (outbox == j.end() || !outbox->is_object()) return std::nullopt;
    const auto last = outbox->find("last_seq");
    if (last == outbox->end() || !last->is_number_unsigned()) return std::nullopt;
    return last->get<uint64_t>();
}

}  // namespace gw::app
