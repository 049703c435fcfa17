#include "desfire_error.hpp"

#include <array>
#include <string>
#include <string_view>

namespace gw::dev::nfc::desfire {
namespace {

constexpr std::array<std::string_view, 14> kMessages = {
    "no error",
    "the card did not answer",
    "not a DESFire card",
    "the card has no campus application",
    "the card refused the key (authentication error)",
    "the card denied access to the credential file",
    "unexpected card status",
    "card answer of the wrong length",
    "the card could not prove the key",
    "credential file CRC mismatch",
    "credential file padding is not zero",
    "credential file holds no usable credential id",
    "AES computation failed",
    "bad DESFire master key file",
};

static_assert(kMessages.size() == static_cast<size_t>(DesfireErrc::BadKeyFile) + 1,
              "one message per DesfireErrc");

class DesfireCategory final : public std::error_category {
public:
    const char* name() const noexcept override { return "desfire"; }
    std::string message(int ev) const override {
        if (ev >= 0 && static_cast<size_t>(ev) < kMessages.size())
            return std::string(kMessages[static_cast<size_t>(ev)]);
        return "unknown desfire error " + std::to_string(ev);
    }
};

}  // namespace

const std::error_category& desfire_category() noexcept {
    static const DesfireCategory category;
    return category;
}

}  // namespace gw::dev::nfc::desfire
