#pragma once
// ECDSA signature forms: JOSE/COSE carry the raw r||s (2 x 32 bytes for P-256), OpenSSL
// wants/produces a DER ECDSA-Sig-Value. Internal to gw_crypto. Pure; thread-safe.
#include <string>
#include <string_view>

namespace gw::adp::crypto {

/// 64-byte r||s -> DER; empty when `rs` is not 64 bytes.
std::string ecdsa_raw_to_der(std::string_view rs);
/// DER -> 64-byte r||s; empty when `der` does not parse.
std::string ecdsa_der_to_raw(std::string_view der);

}  // namespace gw::adp::crypto
