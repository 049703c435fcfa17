// Decoding follows eid-qr-v1 §2–§3 exactly; each CBOR document (presentation, COSE_Sign1,
// protected header, claims) is first checked by cbor_well_formed(), then read field by field.
#include "ceid1_token.hpp"

#include "base45.hpp"
#include "cbor_reader.hpp"
#include "cbor_writer.hpp"
#include "ceid1_claims.hpp"
#include "sha256.hpp"

namespace gw::core::qr {

namespace {

std::string_view strip_line_end(std::string_view text) {
    if (text.ends_with("\r\n")) return text.substr(0, text.size() - 2);
    if (text.ends_with('\n') || text.ends_with('\r')) return text.substr(0, text.size() - 1);
    return text;
}

/// [1, credential, t, holder_sig]
bool read_presentation(std::string_view bytes, Ceid1Token& tok) {
    if (!cbor_well_formed(bytes)) return false;
    CborReader r(bytes);
    uint64_t n = 0, version = 0;
    std::string_view cred, sig;
    if (!r.read_array(n) || n != 4 || !r.read_uint(version) || version != 1) return false;
    if (!r.read_bstr(cred) || !r.read_uint(tok.t) || !r.read_bstr(sig) || sig.size() != 64)
        return false;
    tok.credential.assign(cred);
    tok.holder_sig.assign(sig);
    return true;
}

/// [protected, unprotected, payload, signature], optionally tagged 18.
bool read_cose_sign1(std::string_view bytes, Ceid1Token& tok) {
    if (!cbor_well_formed(bytes)) return false;
    CborReader r(bytes);
    CborMajor major{};
    if (r.peek(major) && major == CborMajor::Tag) {
        uint64_t tag = 0;
        if (!r.read_tag(tag) || tag != kCoseSign1Tag) return false;
        tok.tagged = true;
    }
    uint64_t n = 0, unprotected = 0;
    std::string_view prot, payload, sig;
    if (!r.read_array(n) || n != 4 || !r.read_bstr(prot)) return false;
    if (!r.read_map(unprotected)) return false;
    for (uint64_t i = 0; i < unprotected * 2; ++i)
        if (!r.skip()) return false;
    if (!r.read_bstr(payload) || !r.read_bstr(sig) || sig.size() != 64) return false;
    tok.protected_bytes.assign(prot);
    tok.payload.assign(payload);
    tok.issuer_sig.assign(sig);
    return true;
}

/// {1: alg, 4: kid}; other labels are ignored.
bool read_protected(std::string_view bytes, Ceid1Token& tok) {
    if (!cbor_well_formed(bytes)) return false;
    CborReader r(bytes);
    uint64_t n = 0;
    bool alg = false, kid = false;
    if (!r.read_map(n)) return false;
    for (uint64_t i = 0; i < n; ++i) {
        CborMajor major{};
        int64_t label = 0;
        if (!r.peek(major)) return false;
        if (major == CborMajor::Uint || major == CborMajor::Nint) {
            if (!r.read_int(label)) return false;
        } else if (!r.skip()) {
            return false;
        }
        std::string_view v;
        if (label == 1) {
            if (!r.read_int(tok.alg)) return false;
            alg = true;
        } else if (label == 4) {
            if (!r.read_bstr(v) || v.size() != 8) return false;
            tok.kid.assign(v);
            kid = true;
        } else if (!r.skip()) {
            return false;
        }
    }
    return alg && kid;
}

}  // namespace

std::optional<Ceid1Token> decode_ceid1(std::string_view text) {
    text = strip_line_end(text);
    if (text.size() > kCeid1MaxText || !text.starts_with(kCeid1Prefix)) return std::nullopt;
    const auto bytes = base45_decode(text.substr(kCeid1Prefix.size()));
    if (!bytes) return std::nullopt;
    Ceid1Token tok;
    if (!read_presentation(*bytes, tok) || !read_cose_sign1(tok.credential, tok) ||
        !read_protected(tok.protected_bytes, tok) || !read_ceid1_claims(tok.payload, tok))
        return std::nullopt;
    return tok;
}

std::string Ceid1Token::cid() const {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(cti.size() * 2);
    for (char c : cti) {
        out += kHex[(static_cast<uint8_t>(c) >> 4) & 0xf];
        out += kHex[static_cast<uint8_t>(c) & 0xf];
    }
    return out;
}

std::string sig_structure(const Ceid1Token& token) {
    CborWriter w;
    w.array(4).tstr("Signature1").bstr(token.protected_bytes).bstr("").bstr(token.payload);
    return w.take();
}

std::string holder_signing_input(const Ceid1Token& token) {
    static constexpr std::string_view kContext = "CEID1-presentation";
    const Sha256Digest h = sha256(token.credential);
    std::string out(kContext);
    out.append(reinterpret_cast<const char*>(h.data()), h.size());
    for (int i = 7; i >= 0; --i) out += static_cast<char>((token.t >> (8 * i)) & 0xff);
    return out;
}

}  // namespace gw::core::qr
