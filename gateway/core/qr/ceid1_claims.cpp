// Claims are dispatched through a small table of integer labels and text labels; each entry
// knows its type and its bit in the "required" mask.
#include "ceid1_claims.hpp"

#include <cstdint>

#include "cbor_reader.hpp"

namespace gw::core::qr {

namespace {

enum Bit : uint32_t {
    kIss = 1,
    kSub = 2,
    kExp = 4,
    kNbf = 8,
    kIat = 16,
    kCti = 32,
    kCnf = 64,
    kTyp = 128,
    kRequired = 255
};

bool read_text(CborReader& r, std::string& out) {
    std::string_view v;
    if (!r.read_tstr(v)) return false;
    out.assign(v);
    return true;
}

/// COSE_Key {1: 2, -1: 1, -2: x(32), -3: y(32) | sign bool} -> SEC1 point.
bool read_cose_key(CborReader& r, Ceid1Token& tok) {
    uint64_t n = 0;
    if (!r.read_map(n)) return false;
    bool kty = false, crv = false, have_y = false, sign = false;
    std::string_view x, y;
    for (uint64_t i = 0; i < n; ++i) {
        int64_t label = 0;
        CborMajor major{};
        if (!r.peek(major)) return false;
        if (major != CborMajor::Uint && major != CborMajor::Nint) {
            if (!r.skip() || !r.skip()) return false;
            continue;
        }
        if (!r.read_int(label)) return false;
        int64_t v = 0;
        if (label == 1) {
            if (!r.read_int(v) || v != 2) return false;
            kty = true;
        } else if (label == -1) {
            if (!r.read_int(v) || v != 1) return false;
            crv = true;
        } else if (label == -2) {
            if (!r.read_bstr(x) || x.size() != 32) return false;
        } else if (label == -3) {
            if (!r.peek(major)) return false;
            if (major == CborMajor::Bstr ? !r.read_bstr(y) || y.size() != 32 : !r.read_bool(sign))
                return false;
            have_y = true;
        } else if (!r.skip()) {
            return false;
        }
    }
    if (!kty || !crv || x.empty() || !have_y) return false;
    if (!y.empty())
        tok.holder_key.assign(1, '\x04').append(x).append(y);
    else
        tok.holder_key.assign(1, sign ? '\x03' : '\x02').append(x);
    return true;
}

/// cnf = {1: COSE_Key}; other members ignored.
bool read_cnf(CborReader& r, Ceid1Token& tok) {
    uint64_t n = 0;
    if (!r.read_map(n)) return false;
    bool key = false;
    for (uint64_t i = 0; i < n; ++i) {
        CborMajor major{};
        int64_t label = 0;
        if (!r.peek(major)) return false;
        const bool is_int = major == CborMajor::Uint || major == CborMajor::Nint;
        if (is_int ? !r.read_int(label) : !r.skip()) return false;
        if (is_int && label == 1) {
            if (!read_cose_key(r, tok)) return false;
            key = true;
        } else if (!r.skip()) {
            return false;
        }
    }
    return key;
}

bool read_int_claim(CborReader& r, int64_t label, Ceid1Token& tok, uint32_t& seen) {
    std::string_view v;
    switch (label) {
        case 1:
            seen |= kIss;
            return read_text(r, tok.iss);
        case 2:
            seen |= kSub;
            return read_text(r, tok.sub);
        case 4:
            seen |= kExp;
            return r.read_uint(tok.exp);
        case 5:
            seen |= kNbf;
            return r.read_uint(tok.nbf);
        case 6:
            seen |= kIat;
            return r.read_uint(tok.iat);
        case 7:
            seen |= kCti;
            if (!r.read_bstr(v) || v.size() < 8 || v.size() > 16) return false;
            tok.cti.assign(v);
            return true;
        case 8:
            seen |= kCnf;
            return read_cnf(r, tok);
        default:
            return r.skip();
    }
}

bool read_text_claim(CborReader& r, std::string_view label, Ceid1Token& tok, uint32_t& seen,
                     bool& have_tname) {
    if (label == "typ") {
        seen |= kTyp;
        return read_text(r, tok.typ);
    }
    if (label == "tname") {
        have_tname = true;
        return read_text(r, tok.tname);
    }
    if (label == "sch") return read_text(r, tok.sch);
    return r.skip();
}

}  // namespace

bool read_ceid1_claims(std::string_view payload, Ceid1Token& tok) {
    if (!cbor_well_formed(payload)) return false;
    CborReader r(payload);
    uint64_t n = 0;
    if (!r.read_map(n)) return false;
    uint32_t seen = 0;
    bool have_tname = false;
    for (uint64_t i = 0; i < n; ++i) {
        CborMajor major{};
        if (!r.peek(major)) return false;
        int64_t label = 0;
        std::string_view text;
        bool ok = false;
        if (major == CborMajor::Uint || major == CborMajor::Nint)
            ok = r.read_int(label) && read_int_claim(r, label, tok, seen);
        else if (major == CborMajor::Tstr)
            ok = r.read_tstr(text) && read_text_claim(r, text, tok, seen, have_tname);
        else
            ok = r.skip() && r.skip();
        if (!ok) return false;
    }
    if (seen != kRequired) return false;
    if (!have_tname) tok.tname = tok.typ;
    return true;
}

}  // namespace gw::core::qr
