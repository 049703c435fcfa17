#pragma once
// ES256 helpers shared by Es256Signer and Es256Verifier; internal to gw_crypto's .cpp files
// (only a forward declaration of OpenSSL's key type). ECDSA signature forms: JOSE/COSE carry
// the raw r||s (2 x 32 bytes for P-256), OpenSSL wants/produces a DER ECDSA-Sig-Value.
// Pure; thread-safe.
#include <string>
#include <string_view>

struct evp_pkey_st;  // OpenSSL's EVP_PKEY

namespace gw::adp::crypto {

/// An EC key on P-256 (prime256v1).
bool is_p256(const evp_pkey_st* key);

/// 64-byte r||s -> DER; empty when `rs` is not 64 bytes.
std::string ecdsa_raw_to_der(std::string_view rs);
/// DER -> 64-byte r||s; empty when `der` does not parse.
std::string ecdsa_der_to_raw(std::string_view der);

}  // namespace gw::adp::crypto
