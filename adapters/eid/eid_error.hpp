#pragma once
// EidErrc: failures of the e-ID sync client as a typed enum with its own
// std::error_category ("eid"). POCO's exceptions and OpenSSL's return values are translated
// into these inside the adapter; none crosses its boundary.
#include <system_error>

namespace gw::adp::eid {

enum class EidErrc {
    // 0 is reserved for "no error".
    BadUrl = 1,      // the base URL is unusable (scheme, plain http off-loopback)
    Tls,             // TLS setup or handshake failed (CA, certificate, host name)
    Transport,       // connection refused, reset, DNS
    Timeout,         // no answer within the configured timeout
    Unauthorized,    // 401/403: a configuration problem (token, client certificate)
    HttpStatus,      // any other non-2xx status
    Truncated,       // fewer body bytes than Content-Length, or a broken gzip stream
    TooLarge,        // body beyond the size cap
    BadBody,         // not what the spec says (JSON, fields, wrong site)
    BadSignature,    // the trust list signature does not verify against the pinned root
    OldVersion,      // a trust list version lower than the one held
    TrustRoot,       // the pinned trust root file cannot be read or is not an EC P-256 key
};

const std::error_category& eid_category() noexcept;

inline std::error_code make_error_code(EidErrc e) noexcept {
    return {static_cast<int>(e), eid_category()};
}

}  // namespace gw::adp::eid

template <>
struct std::is_error_code_enum<gw::adp::eid::EidErrc> : std::true_type {};
