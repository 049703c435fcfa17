#include "campus_card.hpp"

#include <algorithm>

#include "an10922.hpp"
#include "desfire_error.hpp"

namespace gw::dev::nfc::desfire {

namespace {
core::Error fail(DesfireErrc e, const char* what) {
    return core::Error{make_error_code(e), what};
}
}  // namespace

core::Result<Bytes> campus_diversification_input(ByteView uid) {
    if (uid.size() != CampusCard::kUidSize) return fail(DesfireErrc::BadLength, "card UID");
    Bytes m(uid.begin(), uid.end());
    m.insert(m.end(), CampusCard::kAid.begin(), CampusCard::kAid.end());
    m.insert(m.end(), CampusCard::kSystemId.begin(), CampusCard::kSystemId.end());
    return m;
}

core::Result<AesKey> campus_read_key(const AesKey& master, ByteView uid) {
    auto m = campus_diversification_input(uid);
    if (!m) return m.error();
    return diversify_an10922(master, *m);
}

core::Result<std::string> parse_credential_file(ByteView content) {
    if (content.size() != CampusCard::kFileSize)
        return fail(DesfireErrc::BadLength, "credential file");
    const auto end = std::find(content.begin(), content.end(), uint8_t{0});
    if (!std::all_of(end, content.end(), [](uint8_t b) { return b == 0; }))
        return fail(DesfireErrc::BadPadding, "credential file");
    if (end == content.begin() ||
        std::any_of(content.begin(), end, [](uint8_t b) { return b < 0x20 || b == 0x7F; }))
        return fail(DesfireErrc::BadCredential, "credential file");
    return std::string(content.begin(), end);
}

}  // namespace gw::dev::nfc::desfire
