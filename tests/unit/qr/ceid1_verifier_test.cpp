// Ceid1Verifier with the OpenSSL ES256 adapter and the test issuer: round trips, tampering,
// compressed holder keys, steps skipped without a synced clock, the replay step.
#include <boost/test/unit_test.hpp>

#include "adapters/crypto/ceid1_issuer.hpp"
#include "adapters/crypto/es256_verifier.hpp"
#include "adapters/eid/trust_root.hpp"
#include "ceid1_vectors.hpp"
#include "gateway/core/qr/base45.hpp"
#include "gateway/core/qr/ceid1_token.hpp"

using namespace gw;
using namespace gw::core::qr;
using namespace std::chrono_literals;
using gw::adp::crypto::Ceid1Claims;
using gw::adp::crypto::Ceid1Issuer;
using gw::adp::crypto::Es256Signer;
using gw::core::Reason;

namespace {

constexpr int64_t kNow = 1795330800;
const core::SysTime kNowTp = core::SysTime(std::chrono::seconds(kNow));

Es256Signer must(core::Result<Es256Signer> r) {
    BOOST_REQUIRE(r.ok());
    return std::move(r.value());
}

struct World {
    Es256Signer issuer_key = must(Es256Signer::generate());
    Es256Signer holder = must(Es256Signer::generate());
    Ceid1Issuer issuer{issuer_key};
    std::vector<IssuerKey> keys{
        IssuerKey{issuer.kid(), issuer_key.spki_der(), kNowTp - 24h, kNowTp + 24h * 365}};
    adp::crypto::Es256Verifier sig;
    ReplayCache replay{64, 1, 60s};
    Ceid1Verifier verifier{sig, replay};
    test::SetRevocations revoked{{}};

    Ceid1Claims claims(const std::string& sub = "p-1001") const {
        Ceid1Claims c;
        c.sub = sub;
        c.tname = "上海市中等职业学校电子学生证";
        c.sch = "sh-zj-001";
        c.iat = c.nbf = kNow - 3600;
        c.exp = kNow + 7 * 86400;
        c.cti = std::string("\x01\x02\x03\x04\x05\x06\x07\x08", 8);
        return c;
    }
    std::string qr(const std::string& credential, int64_t step_offset = 0) const {
        return adp::crypto::ceid1_presentation(
            credential, static_cast<uint64_t>(kNow / 30 + step_offset), holder);
    }
    Verification verify(const std::string& text, const std::string& point = "door-1",
                        bool synced = true, core::SysTime now = kNowTp) {
        return verifier.verify(text, point, keys, revoked, {now, 60s, 1, synced});
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(ceid1_issuer_round_trip)

BOOST_AUTO_TEST_CASE(an_issued_token_verifies) {
    World w;
    const std::string cred = w.issuer.credential(w.claims(), w.holder.public_point());
    BOOST_REQUIRE(!cred.empty());
    const auto r = w.verify(w.qr(cred));
    BOOST_TEST(r.reason == Reason::Ok);
    BOOST_TEST(r.sub == "p-1001");
    BOOST_TEST(r.cid == "0102030405060708");
    BOOST_TEST(r.tname == "上海市中等职业学校电子学生证");
    BOOST_TEST(r.sch == "sh-zj-001");
    BOOST_TEST(r.typ == "sh-zz-student-id");
}

BOOST_AUTO_TEST_CASE(tname_defaults_to_typ) {
    World w;
    auto c = w.claims();
    c.tname.clear();
    const auto r = w.verify(w.qr(w.issuer.credential(c, w.holder.public_point())));
    BOOST_TEST(r.reason == Reason::Ok);
    BOOST_TEST(r.tname == "sh-zz-student-id");
}

BOOST_AUTO_TEST_CASE(a_tampered_credential_is_a_bad_signature) {
    World w;
    std::string cred = w.issuer.credential(w.claims(), w.holder.public_point());
    const auto at = cred.find("p-1001");
    BOOST_REQUIRE(at != std::string::npos);
    cred.replace(at, 6, "p-1002");  // the holder signs the forged credential: step 4 fails
    const auto r = w.verify(w.qr(cred));
    BOOST_TEST(r.reason == Reason::BadSignature);
    BOOST_TEST(r.decoded);
    BOOST_TEST(!r.authentic);
}

BOOST_AUTO_TEST_CASE(another_phone_cannot_present_the_credential) {
    World w;
    const std::string cred = w.issuer.credential(w.claims(), w.holder.public_point());
    const auto thief = must(Es256Signer::generate());
    const auto text = adp::crypto::ceid1_presentation(cred, kNow / 30, thief);
    BOOST_TEST(w.verify(text).reason == Reason::BadSignature);
}

BOOST_AUTO_TEST_CASE(a_wrong_time_step_is_token_expired) {
    World w;
    const std::string cred = w.issuer.credential(w.claims(), w.holder.public_point());
    BOOST_TEST(w.verify(w.qr(cred, -2)).reason == Reason::TokenExpired);
    BOOST_TEST(w.verify(w.qr(cred, 2)).reason == Reason::TokenExpired);
    BOOST_TEST(w.verify(w.qr(cred, -1), "door-2").reason == Reason::Ok);
    BOOST_TEST(w.verify(w.qr(cred, 1), "door-3").reason == Reason::Ok);
}

BOOST_AUTO_TEST_CASE(credential_validity_uses_the_skew) {
    World w;
    auto c = w.claims();
    c.exp = kNow - 59;  // expired 59 s ago: inside the 60 s skew
    BOOST_TEST(w.verify(w.qr(w.issuer.credential(c, w.holder.public_point()))).reason ==
               Reason::Ok);
    c.exp = kNow - 60;
    BOOST_TEST(w.verify(w.qr(w.issuer.credential(c, w.holder.public_point())), "d2").reason ==
               Reason::CredentialExpired);
    c = w.claims();
    c.nbf = kNow + 61;
    BOOST_TEST(w.verify(w.qr(w.issuer.credential(c, w.holder.public_point())), "d3").reason ==
               Reason::NotYetValid);
}

BOOST_AUTO_TEST_CASE(an_issuer_key_outside_its_validity_is_unknown) {
    World w;
    const std::string cred = w.issuer.credential(w.claims(), w.holder.public_point());
    w.keys[0].not_after = kNowTp - 1s;
    BOOST_TEST(w.verify(w.qr(cred)).reason == Reason::UnknownIssuer);
    w.keys.clear();
    BOOST_TEST(w.verify(w.qr(cred)).reason == Reason::UnknownIssuer);
}

BOOST_AUTO_TEST_CASE(a_revoked_cid_is_denied_after_the_signatures) {
    World w;
    w.revoked = test::SetRevocations({"0102030405060708"});
    const auto r = w.verify(w.qr(w.issuer.credential(w.claims(), w.holder.public_point())));
    BOOST_TEST(r.reason == Reason::Revoked);
    BOOST_TEST(r.authentic);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(ceid1_holder_key_forms)

BOOST_AUTO_TEST_CASE(compressed_and_uncompressed_cnf_both_verify) {
    World w;
    for (bool compressed : {false, true}) {
        for (bool tagged : {false, true}) {
            const std::string cred =
                w.issuer.credential(w.claims(), w.holder.public_point(compressed), tagged);
            const std::string text = w.qr(cred);
            const auto tok = decode_ceid1(text);
            BOOST_REQUIRE(tok.has_value());
            BOOST_TEST(tok->compressed_key() == compressed);
            BOOST_TEST(tok->holder_key.size() == (compressed ? 33u : 65u));
            BOOST_TEST(tok->tagged == tagged);
            const std::string point = "p" + std::to_string(compressed) + std::to_string(tagged);
            BOOST_TEST(w.verify(text, point).reason == Reason::Ok);
        }
    }
}

BOOST_AUTO_TEST_CASE(the_compressed_form_saves_at_least_32_bytes) {
    World w;
    const auto full = w.issuer.credential(w.claims(), w.holder.public_point(false));
    const auto small = w.issuer.credential(w.claims(), w.holder.public_point(true));
    BOOST_TEST(full.size() - small.size() >= 32u);  // y (bstr 32) becomes a bool
}

BOOST_AUTO_TEST_CASE(the_vectors_compressed_case_decodes_as_compressed) {
    const auto v = test::load_ceid1_vectors();
    const auto tok = decode_ceid1(v.find("valid_untagged_compressed").qr);
    BOOST_REQUIRE(tok.has_value());
    BOOST_TEST(tok->compressed_key());
    BOOST_TEST(!tok->tagged);
    const auto full = decode_ceid1(v.find("valid").qr);
    BOOST_REQUIRE(full.has_value());
    BOOST_TEST(!full->compressed_key());
    BOOST_TEST(full->tagged);
    // the same holder key in both forms
    BOOST_TEST(full->holder_key.substr(1, 32) == tok->holder_key.substr(1, 32));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(ceid1_clock_unsynced)

BOOST_AUTO_TEST_CASE(steps_5_and_7_are_skipped) {
    const auto v = test::load_ceid1_vectors();
    adp::crypto::Es256Verifier sig;
    ReplayCache replay(64, v.window, v.skew);
    Ceid1Verifier verifier(sig, replay);
    test::SetRevocations revoked(v.revoked);
    int n = 0;
    for (const char* name :
         {"credential_expired", "not_yet_valid", "step_too_old", "step_in_future"}) {
        BOOST_TEST_CONTEXT(name) {
            const auto synced = verifier.verify(v.find(name).qr, "p" + std::to_string(n++), v.keys,
                                                revoked, {v.now, v.skew, v.window, true});
            BOOST_TEST(synced.reason != Reason::Ok);
            BOOST_TEST(!synced.clock_checks_skipped);
            const auto r = verifier.verify(v.find(name).qr, "p" + std::to_string(n++), v.keys,
                                           revoked, {v.now, v.skew, v.window, false});
            BOOST_TEST(r.reason == Reason::Ok);
            BOOST_TEST(r.clock_checks_skipped);
        }
    }
    // the other steps still apply
    const auto bad = verifier.verify(v.find("holder_sig_zero").qr, "px", v.keys, revoked,
                                     {v.now, v.skew, v.window, false});
    BOOST_TEST(bad.reason == Reason::BadSignature);
}

BOOST_AUTO_TEST_CASE(a_clock_in_1970_does_not_make_keys_unknown) {
    const auto v = test::load_ceid1_vectors();
    adp::crypto::Es256Verifier sig;
    ReplayCache replay(64, v.window, v.skew);
    Ceid1Verifier verifier(sig, replay);
    test::SetRevocations revoked(v.revoked);
    const core::SysTime boot{};  // no RTC: the epoch
    const auto synced = verifier.verify(v.find("valid").qr, "p1", v.keys, revoked,
                                        {boot, v.skew, v.window, true});
    BOOST_TEST(synced.reason == Reason::UnknownIssuer);
    const auto unsynced = verifier.verify(v.find("valid").qr, "p2", v.keys, revoked,
                                          {boot, v.skew, v.window, false});
    BOOST_TEST(unsynced.reason == Reason::Ok);
    // a kid the trust list does not have is still unknown
    const auto stranger = verifier.verify(v.find("valid").qr, "p3", {}, revoked,
                                          {boot, v.skew, v.window, false});
    BOOST_TEST(stranger.reason == Reason::UnknownIssuer);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(ceid1_replay_step)

BOOST_AUTO_TEST_CASE(the_verifier_repeats_and_detects_replays) {
    World w;
    const std::string text = w.qr(w.issuer.credential(w.claims(), w.holder.public_point()));
    const auto first = w.verify(text, "door-1");
    BOOST_REQUIRE(first.reason == Reason::Ok);
    w.replay.remember(first.cid, first.t, "door-1", kNowTp, core::Verdict::Allow, Reason::Ok);
    const auto again = w.verify(text, "door-1", true, kNowTp + 5s);
    BOOST_TEST(again.repeat);
    BOOST_TEST((again.repeat_verdict == core::Verdict::Allow));
    BOOST_TEST(again.reason == Reason::Ok);
    const auto elsewhere = w.verify(text, "door-2", true, kNowTp + 5s);
    BOOST_TEST(!elsewhere.repeat);
    BOOST_TEST(elsewhere.reason == Reason::TokenReplayed);
    // ECDSA re-randomized: a fresh signature over the same (cid, t) is still a replay
    const std::string resigned = w.qr(w.issuer.credential(w.claims(), w.holder.public_point()));
    BOOST_TEST(resigned != text);
    BOOST_TEST(w.verify(resigned, "door-3", true, kNowTp + 6s).reason == Reason::TokenReplayed);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(ceid1_vector_keys)

BOOST_AUTO_TEST_CASE(the_issuer_interoperates_with_the_vectors_trust_list) {
    const auto v = test::load_ceid1_vectors();
    const auto issuer_key = must(Es256Signer::from_pem(v.issuer_private_key_pem));
    const auto holder = must(Es256Signer::from_pem(v.holder_private_key_pem));
    BOOST_TEST(issuer_key.spki_der() == v.keys[0].spki_der);
    const Ceid1Issuer issuer(issuer_key, v.keys[0].kid);
    Ceid1Claims c;
    c.sub = "p-20240117";
    c.iat = c.nbf = kNow - 3600;
    c.exp = kNow + 86400;
    c.cti = "\x10\x20\x30\x40\x50\x60\x70\x80";
    const auto text = adp::crypto::ceid1_presentation(
        issuer.credential(c, holder.public_point(true)), kNow / 30, holder);
    adp::crypto::Es256Verifier sig;
    ReplayCache replay;
    Ceid1Verifier verifier(sig, replay);
    test::SetRevocations revoked(v.revoked);
    const auto r =
        verifier.verify(text, "door-1", v.keys, revoked, {v.now, v.skew, v.window, true});
    BOOST_TEST(r.reason == Reason::Ok);
    BOOST_TEST(r.sub == "p-20240117");
}

BOOST_AUTO_TEST_CASE(the_issuer_key_id_is_the_spki_hash_prefix) {
    const auto k = must(Es256Signer::generate());
    BOOST_TEST(k.kid().size() == 8u);
    const auto again = must(Es256Signer::from_pem(k.private_pem()));
    BOOST_TEST(again.kid() == k.kid());
    BOOST_TEST(again.spki_der() == k.spki_der());
}

BOOST_AUTO_TEST_CASE(malformed_input_to_the_adapter_is_refused) {
    adp::crypto::Es256Verifier sig;
    const auto k = must(Es256Signer::generate());
    const std::string s = k.sign("m");
    BOOST_TEST(s.size() == 64u);
    BOOST_TEST(sig.verify_spki(k.spki_der(), "m", s));
    BOOST_TEST(sig.verify_point(k.public_point(), "m", s));
    BOOST_TEST(sig.verify_point(k.public_point(true), "m", s));
    BOOST_TEST(!sig.verify_spki(k.spki_der(), "n", s));
    BOOST_TEST(!sig.verify_spki("garbage", "m", s));
    BOOST_TEST(!sig.verify_point(std::string(65, '\x04'), "m", s));
    BOOST_TEST(!sig.verify_point(k.public_point(), "m", s.substr(0, 63)));
    BOOST_TEST(!sig.verify_point(k.public_point(), "m", std::string(64, '\0')));
    BOOST_TEST(!Es256Signer::from_pem("not a key").ok());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(trust_list_signature)

BOOST_AUTO_TEST_CASE(a_content_signature_verifies_with_the_pinned_root) {
    const auto root_key = must(Es256Signer::generate());
    const auto root = adp::eid::TrustRoot::from_pem(root_key.public_pem());
    BOOST_REQUIRE(root.ok());
    const std::string body = R"({"version":3,"keys":[]})";
    const std::string header = adp::crypto::content_signature(root_key, body);
    BOOST_TEST(header.rfind("es256=", 0) == 0u);
    BOOST_TEST(header.size() == 6u + 86u);  // 64 bytes, unpadded base64url
    BOOST_TEST(root->verify(body, header));
    BOOST_TEST(!root->verify(body + " ", header));
    const auto other = must(Es256Signer::generate());
    BOOST_TEST(!root->verify(body, adp::crypto::content_signature(other, body)));
}

BOOST_AUTO_TEST_SUITE_END()
