#include "fault_plan.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace gw::tools::eidsim {

void FaultPlan::set(const std::string& text) {
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object()) throw std::invalid_argument("a fault is a JSON object");
    Fault f;
    try {
        f.mode = j.at("mode").get<std::string>();
        f.path = j.value("path", std::string());
        f.status = j.value("status", 500);
        f.delay_ms = j.value("delay_ms", 0);
        f.version = j.value("version", 0LL);
        f.skip = j.value("skip", uint64_t{0});
        f.count = j.value("count", uint64_t{1});
    } catch (const nlohmann::json::exception& e) {
        throw std::invalid_argument(e.what());
    }
    if (f.mode != "status" && f.mode != "slow" && f.mode != "truncate" &&
        f.mode != "bad_signature" && f.mode != "old_version")
        throw std::invalid_argument("unknown fault mode \"" + f.mode + "\"");
    std::lock_guard lock(mutex_);
    fault_ = f;
    used_ = 0;
}

void FaultPlan::clear() {
    std::lock_guard lock(mutex_);
    fault_.reset();
}

std::optional<Fault> FaultPlan::take(const std::string& path) {
    std::lock_guard lock(mutex_);
    if (!fault_ || path.find(fault_->path) == std::string::npos) return std::nullopt;
    const uint64_t n = used_++;
    if (n < fault_->skip) return std::nullopt;
    if (fault_->count && n >= fault_->skip + fault_->count) return std::nullopt;
    return fault_;
}

}  // namespace gw::tools::eidsim
