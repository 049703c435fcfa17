// The issuer writes exactly the structures eid-qr-v1 §2–§3 describe, with core's CborWriter,
// and reuses core's sig_structure()/holder_signing_input() so signer and verifier cannot
// disagree on the signed bytes.
#include "ceid1_issuer.hpp"

#include "gateway/core/qr/base45.hpp"
#include "gateway/core/qr/cbor_writer.hpp"
#include "gateway/core/qr/ceid1_token.hpp"

namespace gw::adp::crypto {

namespace {

using core::qr::CborWriter;

std::string protected_header(std::string_view kid) {
    CborWriter w;
    w.map(2).uint(1).integer(core::qr::kAlgEs256).uint(4).bstr(kid);
    return w.take();
}

/// cnf = {1: {1: 2, -1: 1, -2: x, -3: y | sign}}
void write_cnf(CborWriter& w, std::string_view point) {
    w.map(1).uint(1).map(4).uint(1).uint(2).integer(-1).uint(1).integer(-2).bstr(
        point.substr(1, 32));
    w.integer(-3);
    if (point[0] == 0x04)
        w.bstr(point.substr(33, 32));
    else
        w.boolean(point[0] == 0x03);
}

std::string claims_map(const Ceid1Claims& c, std::string_view point) {
    CborWriter w;
    w.map(8 + (c.tname.empty() ? 0 : 1) + (c.sch.empty() ? 0 : 1));
    w.uint(1).tstr(c.iss).uint(2).tstr(c.sub).uint(4).uint(c.exp).uint(5).uint(c.nbf);
    w.uint(6).uint(c.iat).uint(7).bstr(c.cti).uint(8);
    write_cnf(w, point);
    w.tstr("typ").tstr(c.typ);
    if (!c.tname.empty()) w.tstr("tname").tstr(c.tname);
    if (!c.sch.empty()) w.tstr("sch").tstr(c.sch);
    return w.take();
}

bool valid_point(std::string_view p) {
    return (p.size() == 65 && p[0] == 0x04) || (p.size() == 33 && (p[0] == 0x02 || p[0] == 0x03));
}

}  // namespace

Ceid1Issuer::Ceid1Issuer(Es256Signer signer, std::string kid)
    : signer_(std::move(signer)), kid_(kid.empty() ? signer_.kid() : std::move(kid)) {}

std::string Ceid1Issuer::credential(const Ceid1Claims& claims, std::string_view holder_point,
                                    bool tagged) const {
    if (!valid_point(holder_point)) return {};
    core::qr::Ceid1Token tok;
    tok.protected_bytes = protected_header(kid_);
    tok.payload = claims_map(claims, holder_point);
    const std::string sig = signer_.sign(core::qr::sig_structure(tok));
    if (sig.empty()) return {};
    CborWriter w;
    if (tagged) w.tag(core::qr::kCoseSign1Tag);
    w.array(4).bstr(tok.protected_bytes).map(0).bstr(tok.payload).bstr(sig);
    return w.take();
}

std::string ceid1_presentation(std::string_view credential, uint64_t t, const Es256Signer& holder) {
    core::qr::Ceid1Token tok;
    tok.credential.assign(credential);
    tok.t = t;
    const std::string sig = holder.sign(core::qr::holder_signing_input(tok));
    if (sig.empty()) return {};
    CborWriter w;
    w.array(4).uint(1).bstr(credential).uint(t).bstr(sig);
    return std::string(core::qr::kCeid1Prefix) + core::qr::base45_encode(w.bytes());
}

}  // namespace gw::adp::crypto
