// RevocationStage: revocation snapshots spanning pages are applied whole or not at all
// (eid-sync-v1 §5 with the paging rule of §2).
#include <boost/test/unit_test.hpp>

#include "adapters/eid/revocation_stage.hpp"

using gw::adp::eid::RevocationStage;
using gw::core::RevocationPage;
using Cids = std::vector<std::string>;

namespace {

RevocationPage page(std::string cursor, bool full, bool more, Cids revoked, Cids restored = {}) {
    RevocationPage p;
    p.cursor = std::move(cursor);
    p.full = full;
    p.more = more;
    p.revoked = std::move(revoked);
    p.restored = std::move(restored);
    return p;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(revocation_stage)

BOOST_AUTO_TEST_CASE(a_delta_page_is_applied_at_once) {
    RevocationStage s;
    auto r = s.feed(page("c2", false, true, {"aa"}, {"bb"}));
    BOOST_REQUIRE(r.ok());
    BOOST_REQUIRE(r->has_value());
    BOOST_TEST((*r)->cursor == "c2");
    BOOST_TEST(!(*r)->full);
    BOOST_TEST((*r)->revoked == Cids{"aa"});
    BOOST_TEST((*r)->restored == Cids{"bb"});
    BOOST_TEST(!s.staging());
}

BOOST_AUTO_TEST_CASE(a_snapshot_is_handed_over_whole_with_its_last_page) {
    RevocationStage s;
    auto r = s.feed(page("s1", true, true, {"cc", "aa"}));
    BOOST_REQUIRE(r.ok());
    BOOST_TEST(!r->has_value());
    BOOST_TEST(s.staging());
    r = s.feed(page("s2", false, true, {"dd"}, {"cc"}));
    BOOST_REQUIRE(r.ok());
    BOOST_TEST(!r->has_value());
    BOOST_TEST(s.staged_cids() == 2u);
    r = s.feed(page("c9", false, false, {"bb"}));
    BOOST_REQUIRE(r.ok());
    BOOST_REQUIRE(r->has_value());
    BOOST_TEST((*r)->full);
    BOOST_TEST(!(*r)->more);
    BOOST_TEST((*r)->cursor == "c9");
    BOOST_TEST((*r)->revoked == (Cids{"aa", "bb", "dd"}));
    BOOST_TEST((*r)->restored.empty());
    BOOST_TEST(!s.staging());
}

BOOST_AUTO_TEST_CASE(reset_drops_a_snapshot_and_a_new_full_page_restarts_it) {
    RevocationStage s;
    BOOST_REQUIRE(s.feed(page("s1", true, true, {"aa"})).ok());
    s.reset();
    BOOST_TEST(!s.staging());
    // After a reset a non-full page is a delta again, not the rest of the old snapshot.
    auto r = s.feed(page("c3", false, false, {"ee"}));
    BOOST_REQUIRE(r->has_value());
    BOOST_TEST(!(*r)->full);

    BOOST_REQUIRE(s.feed(page("s1", true, true, {"aa"})).ok());
    r = s.feed(page("t1", true, false, {"bb"}));  // the server started over
    BOOST_REQUIRE(r->has_value());
    BOOST_TEST((*r)->revoked == Cids{"bb"});
}

BOOST_AUTO_TEST_CASE(a_single_page_snapshot_and_the_size_cap) {
    RevocationStage s(3);
    auto r = s.feed(page("c1", true, false, {}));
    BOOST_REQUIRE(r->has_value());
    BOOST_TEST((*r)->full);
    BOOST_TEST((*r)->revoked.empty());
    BOOST_REQUIRE(s.feed(page("s1", true, true, {"aa", "bb"})).ok());
    r = s.feed(page("s2", false, true, {"cc", "dd"}));
    BOOST_REQUIRE(!r.ok());
    BOOST_TEST(r.error().context.find("larger than 3") != std::string::npos);
    BOOST_TEST(!s.staging());
}

BOOST_AUTO_TEST_SUITE_END()
