#include "crypto_error.hpp"

#include <array>
#include <string>
#include <string_view>

namespace gw::adp::crypto {
namespace {

constexpr std::array<std::string_view, 7> kMessages = {
    "no error",
    "key file has the wrong size (expected 32 bytes)",
    "key file is accessible to group or others (expected mode 0600)",
    "key path is not a regular file",
    "random generator failed",
    "HMAC computation failed",
    "invalid or unsupported EC key (expected P-256)",
};

static_assert(kMessages.size() == static_cast<size_t>(CryptoErrc::KeyInvalid) + 1,
              "one message per CryptoErrc");

class CryptoCategory final : public std::error_category {
public:
    const char* name() const noexcept override { return "crypto"; }
    std::string message(int ev) const override {
        if (ev >= 0 && static_cast<size_t>(ev) < kMessages.size())
            return std::string(kMessages[static_cast<size_t>(ev)]);
        return "unknown crypto error " + std::to_string(ev);
    }
};

}  // namespace

const std::error_category& crypto_category() noexcept {
    static const CryptoCategory category;
    return category;
}

}  // namespace gw::adp::crypto
