// Every case of the spec's test vectors (eid-qr-v1 §7) gives the expected reason at the
// vectors' `now`, with their trust list, revoked cids, skew and window.
#define BOOST_TEST_MODULE qr_vectors
#include <boost/test/unit_test.hpp>

#include "adapters/crypto/es256_verifier.hpp"
#include "ceid1_vectors.hpp"
#include "gateway/core/reason.hpp"

using namespace gw;

namespace {

core::qr::Verification run(const test::Ceid1Vectors& v, const std::string& qr) {
    adp::crypto::Es256Verifier sig;
    core::qr::ReplayCache replay(64, v.window, v.skew);
    core::qr::Ceid1Verifier verifier(sig, replay);
    test::SetRevocations revoked(v.revoked);
    return verifier.verify(qr, "door-1", v.keys, revoked, {v.now, v.skew, v.window, true});
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_file_holds_the_spec_cases) {
    const auto v = test::load_ceid1_vectors();
    BOOST_TEST(v.cases.size() == 21u);
    BOOST_TEST(v.keys.size() == 2u);  // both trust-list keys decode
}

BOOST_AUTO_TEST_CASE(every_case_gives_its_expected_reason) {
    const auto v = test::load_ceid1_vectors();
    for (const auto& c : v.cases) {
        BOOST_TEST_CONTEXT("case " << c.name) {
            const auto r = run(v, c.qr);
            BOOST_TEST(std::string(core::to_string(r.reason)) == c.expect);
            if (c.expect == "ok") {
                BOOST_TEST(c.expect_decision == "allow");
                BOOST_TEST(r.sub == c.sub);
            } else {
                BOOST_TEST(c.expect_decision == "deny");
            }
            if (r.reason != core::Reason::Malformed) BOOST_TEST(r.decoded);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_trailing_line_ending_is_stripped_once) {
    const auto v = test::load_ceid1_vectors();
    const std::string qr = v.find("valid").qr;
    BOOST_TEST(run(v, qr + "\r\n").reason == core::Reason::Ok);
    BOOST_TEST(run(v, qr + "\n").reason == core::Reason::Ok);
    BOOST_TEST(run(v, qr + "\r").reason == core::Reason::Ok);
    BOOST_TEST(run(v, qr + "\n\n").reason == core::Reason::Malformed);
    BOOST_TEST(run(v, qr + " ").reason == core::Reason::Malformed);
    BOOST_TEST(run(v, " " + qr).reason == core::Reason::Malformed);
}

BOOST_AUTO_TEST_CASE(the_decoded_fields_are_reported) {
    const auto v = test::load_ceid1_vectors();
    const auto r = run(v, v.find("valid").qr);
    BOOST_REQUIRE(r.reason == core::Reason::Ok);
    BOOST_TEST(r.decoded);
    BOOST_TEST(r.authentic);
    BOOST_TEST(!r.repeat);
    BOOST_TEST(r.iss == "cn-sh-edu-eid");
    BOOST_TEST(!r.cid.empty());
    BOOST_TEST(!r.tname.empty());
    BOOST_TEST(
        r.t ==
        static_cast<uint64_t>(
            std::chrono::duration_cast<std::chrono::seconds>(v.now.time_since_epoch()).count() /
            30));
}
