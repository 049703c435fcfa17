// Fuzz target: the paging rule of revocation snapshots (RevocationStage, eid-sync-v1 §5 with
// §2's `full`/`more`). Each input line is one revocations answer; a line that does not parse
// stands for a failed request (the sync drops the stage). Checked against a plain model: a
// delta page comes back unchanged at once; a snapshot comes back only with its last page, as
// exactly the cids its pages leave revoked, sorted and unique.
#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "adapters/eid/revocation_stage.hpp"
#include "adapters/eid/revocations_parser.hpp"

namespace {

constexpr size_t kCap = 64;

struct Model {
    bool snapshot = false;
    std::set<std::string> revoked;
    void reset() {
        snapshot = false;
        revoked.clear();
    }
};

void check_snapshot_page(const gw::core::RevocationPage& in,
                         const std::optional<gw::core::RevocationPage>& out, const Model& m) {
    if (in.more) {
        if (out) __builtin_trap();
        return;
    }
    if (!out || !out->full || out->more || out->cursor != in.cursor || !out->restored.empty())
        __builtin_trap();
    if (std::set<std::string>(out->revoked.begin(), out->revoked.end()) != m.revoked ||
        out->revoked.size() != m.revoked.size() ||
        !std::is_sorted(out->revoked.begin(), out->revoked.end()))
        __builtin_trap();
}

void step(gw::adp::eid::RevocationStage& stage, Model& m, std::string_view line) {
    auto page = gw::adp::eid::parse_revocations(line);
    if (!page) {  // a failed request: the sync drops what was staged
        stage.reset();
        m.reset();
        return;
    }
    const gw::core::RevocationPage p = page.value();
    if (p.full) {
        m.reset();
        m.snapshot = true;
    }
    if (m.snapshot) {
        for (const auto& c : p.restored) m.revoked.erase(c);
        for (const auto& c : p.revoked) m.revoked.insert(c);
    }
    auto r = stage.feed(p);
    if (!r) {
        if (!m.snapshot || m.revoked.size() <= kCap) __builtin_trap();  // only the cap fails
        m.reset();
        return;
    }
    if (m.snapshot && m.revoked.size() > kCap) __builtin_trap();
    if (!m.snapshot) {
        if (!r->has_value() || (*r)->full || (*r)->revoked != p.revoked ||
            (*r)->restored != p.restored || (*r)->cursor != p.cursor)
            __builtin_trap();
        return;
    }
    check_snapshot_page(p, r.value(), m);
    if (!p.more) m.reset();
    if (stage.staging() != m.snapshot) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view in(reinterpret_cast<const char*>(data), size);
    gw::adp::eid::RevocationStage stage(kCap);
    Model model;
    for (size_t pos = 0; pos <= in.size();) {
        size_t nl = in.find('\n', pos);
        if (nl == std::string_view::npos) nl = in.size();
        step(stage, model, in.substr(pos, nl - pos));
        pos = nl + 1;
    }
    return 0;
}
