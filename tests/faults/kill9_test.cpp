// kill -9 at random moments under a steady tap load, 50 times (GW_FAULT_KILLS to change):
// every decision a reader was answered for is published at least once, seq has no gaps,
// and seqs first reach the broker in order (duplicates allowed, reordering not).
#include <cstdlib>
#include <random>
#include <set>

#include "tap_load.hpp"

using namespace gw::test;
using namespace std::chrono_literals;

namespace {

int kill_count() {
    const char* env = std::getenv("GW_FAULT_KILLS");
    return env ? std::atoi(env) : 50;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(faults, FaultWorld)

BOOST_AUTO_TEST_CASE(kill9_under_load_loses_no_decision_and_keeps_seq_order) {
    const unsigned seed = std::random_device{}();
    BOOST_TEST_MESSAGE("seed " << seed);
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> pause_ms(20, 400);
    start();
    TapLoad load(*probe, 50);
    for (int k = 0, n = kill_count(); k < n; ++k) {
        std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms(rng)));
        kill();
        start();
    }
    std::this_thread::sleep_for(300ms);
    load.stop();
    BOOST_TEST_REQUIRE(eventually([&] {
        return ask("health", "h-" + std::to_string(probe->count()))["data"]["info"]["outbox"]["depth"] == 0;
    }, 20s));
    std::this_thread::sleep_for(300ms);

    std::set<uint64_t> seen;
    uint64_t max_first = 0;
    size_t out_of_order = 0;
    for (const auto& e : events()) {
        const auto seq = e["seq"].get<uint64_t>();
        if (seen.insert(seq).second) {
            if (seq != max_first + 1) ++out_of_order;
            max_first = std::max(max_first, seq);
        }
    }
    BOOST_TEST_MESSAGE(load.sent() << " taps, " << answers() << " answered, " << seen.size()
                                   << " distinct events, " << events().size() << " received");
    BOOST_TEST(out_of_order == 0u);
    BOOST_TEST(seen.size() == max_first);  // 1..max, no gap
    BOOST_TEST(answers() <= seen.size());  // every answered decision was published
    BOOST_TEST(seen.size() > 0u);
}

BOOST_AUTO_TEST_SUITE_END()
