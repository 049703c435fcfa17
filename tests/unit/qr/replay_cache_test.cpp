// Step 8 of eid-qr-v1 §4: re-scan at the same point within 10 s repeats, an accepted token
// elsewhere is a replay, a denial elsewhere is not; entries expire and the cache is bounded.
#include "gateway/core/qr/replay_cache.hpp"

#include <boost/test/unit_test.hpp>

#include "ceid1_vectors.hpp"

using namespace gw::core;
using namespace gw::core::qr;
using namespace std::chrono_literals;

namespace {
const SysTime kT0 = SysTime(std::chrono::seconds(1795330800));
using Hit = ReplayCache::Hit;
}  // namespace

BOOST_AUTO_TEST_SUITE(replay_cache)

BOOST_AUTO_TEST_CASE(an_unknown_token_is_no_hit) {
    ReplayCache c;
    BOOST_TEST((c.lookup("ab", 1, "door-1", kT0).hit == Hit::None));
}

BOOST_AUTO_TEST_CASE(a_rescan_at_the_same_point_within_10s_repeats_the_decision) {
    ReplayCache c;
    c.remember("ab", 7, "door-1", kT0, Verdict::Allow, Reason::Ok);
    const auto l = c.lookup("ab", 7, "door-1", kT0 + 10s);
    BOOST_TEST((l.hit == Hit::Repeat));
    BOOST_TEST((l.verdict == Verdict::Allow));
    BOOST_TEST(l.reason == Reason::Ok);
    c.remember("cd", 7, "door-1", kT0, Verdict::Deny, Reason::NotPermitted);
    const auto d = c.lookup("cd", 7, "door-1", kT0 + 3s);
    BOOST_TEST((d.hit == Hit::Repeat));
    BOOST_TEST((d.verdict == Verdict::Deny));
    BOOST_TEST(d.reason == Reason::NotPermitted);
}

BOOST_AUTO_TEST_CASE(an_allowed_token_at_another_point_is_replayed) {
    ReplayCache c;
    c.remember("ab", 7, "door-1", kT0, Verdict::Allow, Reason::Ok);
    const auto l = c.lookup("ab", 7, "door-2", kT0 + 1s);
    BOOST_TEST((l.hit == Hit::Replayed));
    BOOST_TEST(l.reason == Reason::TokenReplayed);
    // another step or another credential is a different key
    BOOST_TEST((c.lookup("ab", 8, "door-2", kT0 + 1s).hit == Hit::None));
    BOOST_TEST((c.lookup("ac", 7, "door-2", kT0 + 1s).hit == Hit::None));
}

BOOST_AUTO_TEST_CASE(the_same_point_after_10s_is_replayed_when_allowed) {
    ReplayCache c;
    c.remember("ab", 7, "door-1", kT0, Verdict::Allow, Reason::Ok);
    BOOST_TEST((c.lookup("ab", 7, "door-1", kT0 + 11s).hit == Hit::Replayed));
}

BOOST_AUTO_TEST_CASE(a_denial_elsewhere_is_not_a_replay) {
    ReplayCache c;
    c.remember("ab", 7, "door-1", kT0, Verdict::Deny, Reason::NotPermitted);
    BOOST_TEST((c.lookup("ab", 7, "door-2", kT0 + 1s).hit == Hit::None));
    BOOST_TEST((c.lookup("ab", 7, "door-1", kT0 + 11s).hit == Hit::None));
    // ...but once allowed at door-2, door-1 sees a replay
    c.remember("ab", 7, "door-2", kT0 + 2s, Verdict::Allow, Reason::Ok);
    BOOST_TEST((c.lookup("ab", 7, "door-1", kT0 + 12s).hit == Hit::Replayed));
}

BOOST_AUTO_TEST_CASE(a_rescan_does_not_restart_the_repeat_window) {
    ReplayCache c;
    c.remember("ab", 7, "door-1", kT0, Verdict::Allow, Reason::Ok);
    c.remember("ab", 7, "door-1", kT0 + 8s, Verdict::Allow, Reason::Ok);  // within 10 s: ignored
    BOOST_TEST((c.lookup("ab", 7, "door-1", kT0 + 12s).hit == Hit::Replayed));
}

BOOST_AUTO_TEST_CASE(entries_expire_after_the_window_and_skew) {
    ReplayCache c(16, 1, 60s);
    BOOST_TEST(c.ttl() == 150s);  // (1*2+1)*30 + 60
    c.remember("ab", 7, "door-1", kT0, Verdict::Allow, Reason::Ok);
    BOOST_TEST((c.lookup("ab", 7, "door-2", kT0 + 149s).hit == Hit::Replayed));
    BOOST_TEST((c.lookup("ab", 7, "door-2", kT0 + 150s).hit == Hit::None));
    BOOST_TEST(c.size() == 0u);
}

BOOST_AUTO_TEST_CASE(the_cache_is_bounded_and_evicts_the_oldest) {
    ReplayCache c(3, 1, 60s);
    for (uint64_t t = 0; t < 5; ++t)
        c.remember("ab", t, "door-1", kT0 + std::chrono::seconds(t), Verdict::Allow, Reason::Ok);
    BOOST_TEST(c.size() == 3u);
    BOOST_TEST((c.lookup("ab", 0, "door-2", kT0 + 5s).hit == Hit::None));      // evicted
    BOOST_TEST((c.lookup("ab", 1, "door-2", kT0 + 5s).hit == Hit::None));      // evicted
    BOOST_TEST((c.lookup("ab", 4, "door-2", kT0 + 5s).hit == Hit::Replayed));  // newest kept
    BOOST_TEST((c.lookup("ab", 2, "door-2", kT0 + 5s).hit == Hit::Replayed));
}

BOOST_AUTO_TEST_CASE(records_per_token_are_bounded) {
    ReplayCache c;
    for (int p = 0; p < 20; ++p)
        c.remember("ab", 7, "door-" + std::to_string(p), kT0, Verdict::Deny, Reason::NotPermitted);
    BOOST_TEST(c.size() == 1u);
    // points beyond kMaxPoints were not recorded: no repeat for them
    BOOST_TEST((c.lookup("ab", 7, "door-19", kT0 + 1s).hit == Hit::None));
    BOOST_TEST((c.lookup("ab", 7, "door-0", kT0 + 1s).hit == Hit::Repeat));
}

BOOST_AUTO_TEST_SUITE_END()
