#include "eid_error.hpp"

#include <array>
#include <string>
#include <string_view>

namespace gw::adp::eid {
namespace {

constexpr std::array<std::string_view, 13> kMessages = {
    "no error",
    "unusable e-ID URL",
    "TLS failure",
    "cannot reach the e-ID system",
    "timed out",
    "credentials refused (check [eid] token_file / cert_file)",
    "HTTP error status",
    "truncated response",
    "response too large",
    "malformed response",
    "bad signature",
    "older version than the one held",
    "unusable trust root",
};

static_assert(kMessages.size() == static_cast<size_t>(EidErrc::TrustRoot) + 1,
              "one message per EidErrc");

class EidCategory final : public std::error_category {
public:
    const char* name() const noexcept override { return "eid"; }
    std::string message(int ev) const override {
        if (ev >= 0 && static_cast<size_t>(ev) < kMessages.size())
            return std::string(kMessages[static_cast<size_t>(ev)]);
        return "unknown eid error " + std::to_string(ev);
    }
};

}  // namespace

const std::error_category& eid_category() noexcept {
    static const EidCategory category;
    return category;
}

}  // namespace gw::adp::eid
