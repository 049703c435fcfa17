#pragma once
// Ceid1Issuer: a test/demo issuer of CEID1 credentials and presentations (eid-qr-v1 §2–§3),
// for `campusgw qr issue`, demos and tests. Not for production credentials.
// Immutable after construction; thread-safe.
#include <cstdint>
#include <string>
#include <string_view>

#include "es256_signer.hpp"

namespace gw::adp::crypto {

struct Ceid1Claims {
    std::string iss = "cn-sh-edu-eid";
    std::string sub;
    std::string typ = "sh-zz-student-id";
    std::string tname;  // empty: the claim is left out (verifiers default it to typ)
    std::string sch;    // empty: left out
    uint64_t exp = 0, nbf = 0, iat = 0;
    std::string cti;  // raw bytes, 8-16
};

class Ceid1Issuer {
public:
    /// `kid`: 8 raw bytes (empty: signer.kid()).
    explicit Ceid1Issuer(Es256Signer signer, std::string kid = {});

    /// A COSE_Sign1 credential (serialized), signed by the issuer key, binding
    /// `holder_point` (SEC1; a compressed point is encoded with y as a bool). `tagged`: CBOR
    /// tag 18. Empty on failure.
    std::string credential(const Ceid1Claims& claims, std::string_view holder_point,
                           bool tagged = true) const;

    const std::string& kid() const { return kid_; }
    const Es256Signer& signer() const { return signer_; }

private:
    Es256Signer signer_;
    std::string kid_;
};

/// The QR text "CEID1:<Base45(CBOR presentation)>" for time step `t`, signed by the
/// holder's key. Empty on failure.
std::string ceid1_presentation(std::string_view credential, uint64_t t, const Es256Signer& holder);

}  // namespace gw::adp::crypto
