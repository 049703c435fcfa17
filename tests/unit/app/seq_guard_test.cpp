// SeqGuard: the start-up handshake that keeps a restarted gateway from publishing a seq an
// earlier run already published (docs/reliability.md).
#define BOOST_TEST_MODULE seq_guard
#include <boost/test/unit_test.hpp>

#include "gateway/app/seq_guard.hpp"

using gw::app::SeqGuard;

BOOST_AUTO_TEST_CASE(settles_only_on_the_probes_own_acknowledgement) {
    SeqGuard g(103);
    BOOST_TEST(!g.settled());
    BOOST_TEST(!g.acked(7));  // nothing probed yet
    g.probing(8);
    g.saw(602);
    g.saw(17);  // an older info (or our own echo) does not lower it
    BOOST_TEST(!g.acked(7));
    BOOST_TEST(!g.settled());
    BOOST_TEST(g.acked(8));
    BOOST_TEST(g.settled());
    BOOST_TEST(g.seen() == 602u);
    BOOST_TEST(g.first_of_run() == 103u);
    BOOST_TEST(!g.acked(8));  // once
}

BOOST_AUTO_TEST_CASE(a_probe_from_a_dropped_connection_does_not_count) {
    SeqGuard g(1);
    g.probing(3);
    g.disconnected();
    BOOST_TEST(!g.acked(3));  // its answer may precede the renewed subscription's message
    g.probing(4);
    BOOST_TEST(g.acked(4));
}

BOOST_AUTO_TEST_CASE(last_seq_is_read_from_an_info_payload) {
    BOOST_TEST(SeqGuard::last_seq_of(R"({"outbox":{"depth":0,"last_seq":602}})").value() == 602u);
    BOOST_TEST(!SeqGuard::last_seq_of(R"({"outbox":{"depth":0}})"));  // an older version's info
    BOOST_TEST(!SeqGuard::last_seq_of(R"({"outbox":{"last_seq":-1}})"));
    BOOST_TEST(!SeqGuard::last_seq_of(R"({"outbox":{"last_seq":"602"}})"));
    BOOST_TEST(!SeqGuard::last_seq_of(R"({"outbox":[]})"));
    BOOST_TEST(!SeqGuard::last_seq_of("not json"));
    BOOST_TEST(!SeqGuard::last_seq_of(""));
}
