#include "issuer_key.hpp"

#include "base64.hpp"

namespace gw::core::qr {

std::vector<IssuerKey> issuer_keys_from(const TrustList& list) {
    std::vector<IssuerKey> keys;
    keys.reserve(list.keys.size());
    for (const auto& k : list.keys) {
        if (k.alg != "ES256") continue;
        auto kid = base64url_decode(k.kid);
        auto spki = base64_decode(k.spki);
        if (!kid || kid->size() != 8 || !spki || spki->empty()) continue;
        keys.push_back(IssuerKey{std::move(*kid), std::move(*spki), k.not_before, k.not_after});
    }
    return keys;
}

}  // namespace gw::core::qr
