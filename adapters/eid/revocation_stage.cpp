#include "revocation_stage.hpp"

#include <system_error>

namespace gw::adp::eid {

void RevocationStage::reset() {
    staging_ = false;
    revoked_.clear();
}

core::Result<std::optional<core::RevocationPage>> RevocationStage::feed(core::RevocationPage page) {
    if (page.full) reset();
    if (!page.full && !staging_) return std::optional<core::RevocationPage>(std::move(page));
    staging_ = true;
    for (const auto& cid : page.restored) revoked_.erase(cid);
    for (auto& cid : page.revoked) revoked_.insert(std::move(cid));
    if (revoked_.size() > max_cids_) {
        reset();
        return core::make_error(std::errc::value_too_large,
                                "revocations: snapshot larger than " + std::to_string(max_cids_) +
                                    " cids");
    }
    if (page.more) return std::optional<core::RevocationPage>();
    core::RevocationPage whole;
    whole.cursor = std::move(page.cursor);
    whole.full = true;
    whole.more = false;
    whole.revoked.assign(revoked_.begin(), revoked_.end());
    reset();
    return std::optional<core::RevocationPage>(std::move(whole));
}

}  // namespace gw::adp::eid
