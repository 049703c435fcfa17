// OutboxPublisher: its rules with a fake sender, then delivery through MqttClient to a real
// mosquitto: seq order, window, removal only after PUBACK, and a broker restart in the
// middle of publishing (every entry arrives, in order, duplicates allowed, no gaps).
#include "adapters/mqtt/outbox_publisher.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "adapters/mqtt/mqtt_client.hpp"
#include "adapters/mqtt/mqtt_error.hpp"
#include "fake_outbox.hpp"
#include "test_log.hpp"
#include "test_loop.hpp"
#include "tests/support/mosquitto_broker.hpp"
#include "tests/support/mqtt_probe.hpp"

using namespace std::chrono_literals;
namespace mq = gw::adp::mqtt;
using gw::test::FakeOutbox;
using gw::test::seq_of;

namespace {

/// A scripted OutboxSender: hands out mids 1, 2, 3...; can be disconnected or made to
/// refuse publishes.
class FakeSender final : public mq::OutboxSender {
public:
    gw::core::Result<int> publish_qos1(const std::string& topic,
                                       const std::string& payload) override {
        if (!up) return gw::core::Error{mq::MqttErrc::NotConnected, "fake"};
        if (refuse_topic && topic == *refuse_topic) {
            return gw::core::Error{mq::MqttErrc::InvalidArgument, "fake"};
        }
        sent.push_back(seq_of(payload));
        return next_mid++;
    }
    bool connected() const override { return up; }

    bool up = true;
    int next_mid = 1;
    std::vector<uint64_t> sent;
    std::optional<std::string> refuse_topic;
};

/// Checks what the publisher does through a real client: never more than `window`
/// unacknowledged, and records mid -> seq to verify removals.
class CheckingSender final : public mq::OutboxSender {
public:
    CheckingSender(mq::MqttClient& c, size_t window) : client_(c), window_(window) {}

    gw::core::Result<int> publish_qos1(const std::string& topic,
                                       const std::string& payload) override {
        BOOST_REQUIRE_LT(published - acked, window_);
        auto r = client_.publish_qos1(topic, payload);
        if (r) {
            ++published;
            seq_of_mid[*r] = seq_of(payload);
        }
        return r;
    }
    bool connected() const override { return client_.connected(); }

    /// Runs on the loop thread when a PUBACK event is processed.
    void acked_mid(int mid) {
        auto it = seq_of_mid.find(mid);
        if (it == seq_of_mid.end()) return;
        acked_seqs.insert(it->second);
        seq_of_mid.erase(it);
        ++acked;
    }

    size_t published = 0;
    size_t acked = 0;
    std::map<int, uint64_t> seq_of_mid;
    std::set<uint64_t> acked_seqs;

private:
    mq::MqttClient& client_;
    size_t window_;
};

/// Every seq 1..last present, and no message jumps ahead of the highest seq seen so far
/// plus one: in order, duplicates allowed, no gaps.
void check_in_order_without_gaps(const std::vector<gw::test::ProbeMessage>& msgs, uint64_t last) {
    uint64_t highest = 0;
    std::set<uint64_t> seen;
    size_t jumps = 0;
    for (const auto& m : msgs) {
        const uint64_t s = seq_of(m.payload);
        if (s > highest + 1) ++jumps;
        highest = std::max(highest, s);
        seen.insert(s);
    }
    BOOST_TEST(jumps == 0u);
    BOOST_TEST(seen.size() == last);
    BOOST_TEST(*seen.begin() == 1u);
    BOOST_TEST(*seen.rbegin() == last);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(outbox_publisher_rules)

BOOST_AUTO_TEST_CASE(publishes_from_the_lowest_seq_within_the_window) {
    FakeOutbox outbox;
    outbox.add(10);
    FakeSender sender;
    mq::OutboxPublisher pub(outbox, sender, 4);
    pub.pump();
    BOOST_TEST(sender.sent == (std::vector<uint64_t>{1, 2, 3, 4}));
    BOOST_TEST(pub.in_flight() == 4u);
    pub.pump();  // window full: nothing more
    BOOST_TEST(sender.sent.size() == 4u);

    pub.on_ack(2);
    pub.on_ack(999);  // unknown mid (QoS 0 traffic): ignored
    pub.pump();
    BOOST_TEST(sender.sent.back() == 5u);
    BOOST_TEST(outbox.depth() == 10u);  // nothing removed before flush_acks
    pub.flush_acks();
    BOOST_TEST(outbox.removed == (std::vector<uint64_t>{2}));
    BOOST_TEST(outbox.depth() == 9u);
}

BOOST_AUTO_TEST_CASE(acks_are_removed_in_one_call_and_kept_when_remove_fails) {
    FakeOutbox outbox;
    outbox.add(5);
    FakeSender sender;
    mq::OutboxPublisher pub(outbox, sender, 10);
    pub.pump();
    for (int mid = 1; mid <= 5; ++mid) pub.on_ack(mid);
    outbox.fail_remove = true;
    pub.flush_acks();
    BOOST_TEST(outbox.depth() == 5u);
    BOOST_TEST(pub.acks_pending() == 5u);
    BOOST_TEST(pub.stats().remove_errors == 1u);
    pub.pump();
    BOOST_TEST(sender.sent.size() == 5u);  // acked entries are not published again
    outbox.fail_remove = false;
    const size_t calls = outbox.remove_calls;
    pub.flush_acks();
    BOOST_TEST(outbox.remove_calls == calls + 1);
    BOOST_TEST(outbox.depth() == 0u);
    BOOST_TEST(pub.stats().acked == 5u);
}

BOOST_AUTO_TEST_CASE(keeps_in_flight_over_a_reconnect_and_waits_while_offline) {
    FakeOutbox outbox;
    outbox.add(6);
    FakeSender sender;
    mq::OutboxPublisher pub(outbox, sender, 3);
    pub.pump();  // 1,2,3 in flight as mids 1,2,3
    sender.up = false;
    pub.on_disconnected();
    pub.on_ack(1);  // a PUBACK that raced the disconnect still counts
    pub.pump();
    BOOST_TEST(sender.sent.size() == 3u);  // nothing published while offline
    sender.up = true;
    pub.on_connected();  // libmosquitto re-sends 2 and 3 itself; we continue with 4
    BOOST_TEST(sender.sent == (std::vector<uint64_t>{1, 2, 3, 4}));
    pub.on_ack(2);
    pub.on_ack(3);
    pub.on_ack(4);
    pub.flush_acks();
    BOOST_TEST(outbox.removed == (std::vector<uint64_t>{1, 2, 3, 4}));
}

BOOST_AUTO_TEST_CASE(a_refused_publish_is_retried_not_skipped) {
    FakeOutbox outbox;
    outbox.add(3);
    FakeSender sender;
    // Connected as far as connected() knows, but the client refuses (connection just
    // dropped): the pump stops and the same seq goes out next time.
    struct Flaky final : mq::OutboxSender {
        FakeSender& inner;
        int refusals = 1;
        explicit Flaky(FakeSender& s) : inner(s) {}
        gw::core::Result<int> publish_qos1(const std::string& t, const std::string& p) override {
            if (refusals-- > 0) return gw::core::Error{mq::MqttErrc::NotConnected, "flaky"};
            return inner.publish_qos1(t, p);
        }
        bool connected() const override { return true; }
    } flaky(sender);
    mq::OutboxPublisher pub(outbox, flaky, 10);
    pub.pump();
    BOOST_TEST(sender.sent.empty());
    BOOST_TEST(pub.stats().publish_errors == 1u);
    pub.pump();
    BOOST_TEST(sender.sent == (std::vector<uint64_t>{1, 2, 3}));
}

BOOST_AUTO_TEST_CASE(an_unpublishable_entry_does_not_block_the_rest) {
    FakeOutbox outbox;
    outbox.add(3);  // seq 2 is the only one on .../eid/shown
    FakeSender sender;
    sender.refuse_topic = "campus/v1/test/gw1/eid/shown";
    mq::OutboxPublisher pub(outbox, sender, 10);
    pub.pump();
    BOOST_TEST(sender.sent == (std::vector<uint64_t>{1, 3}));
    BOOST_TEST(pub.stats().rejected == 1u);
    pub.flush_acks();
    BOOST_TEST(outbox.removed == (std::vector<uint64_t>{2}));
}

BOOST_AUTO_TEST_CASE(reset_and_a_fresh_start_publish_from_the_lowest_seq) {
    FakeOutbox outbox;
    outbox.add(5);
    FakeSender sender;
    {
        mq::OutboxPublisher pub(outbox, sender, 2);
        pub.pump();
        pub.on_ack(1);
        pub.reset();  // flushes seq 1, forgets mid 2
        pub.pump();
        BOOST_TEST(sender.sent == (std::vector<uint64_t>{1, 2, 2, 3}));
    }
    // A new process: nothing in flight, everything left is sent from the lowest seq.
    sender.sent.clear();
    mq::OutboxPublisher fresh(outbox, sender, 100);
    fresh.pump();
    BOOST_TEST(sender.sent == (std::vector<uint64_t>{2, 3, 4, 5}));
}

BOOST_AUTO_TEST_SUITE_END()

// ---- through a real broker -------------------------------------------------------------

BOOST_AUTO_TEST_SUITE(outbox_delivery)

namespace {

/// Wires client callbacks -> TestLoop -> publisher, the way the app wires the core loop.
struct Rig {
    Rig(const std::string& url, size_t window, FakeOutbox& outbox)
        : log("client"),
          client(options(url, window), callbacks()),
          sender(client, window),
          pub(outbox, sender, window, log.fn()) {
        outbox.before_remove = [this](const std::vector<uint64_t>& seqs) {
            for (auto s : seqs) {
                BOOST_REQUIRE_MESSAGE(sender.acked_seqs.count(s) == 1,
                                      "seq " << s << " removed before its PUBACK");
            }
        };
    }

    static mq::MqttOptions options(const std::string& url, size_t window) {
        mq::MqttOptions o;
        o.url = url;
        o.client_id = "campusgw-outbox-" + std::to_string(::getpid());
        o.keepalive = 5s;
        o.reconnect_min = 100ms;
        o.reconnect_max = 500ms;
        o.max_inflight = static_cast<int>(window);
        return o;
    }

    mq::MqttCallbacks callbacks() {
        mq::MqttCallbacks cb;
        cb.on_connected = [this] {
            ++connects;
            loop.post([this] { pub.on_connected(); });
        };
        cb.on_disconnected = [this](std::error_code) {
            loop.post([this] { pub.on_disconnected(); });
        };
        cb.on_published = [this](int mid) {
            loop.post([this, mid] {
                sender.acked_mid(mid);
                pub.on_ack(mid);
            });
        };
        cb.on_log = log.fn();
        return cb;
    }

    void turn() {
        pub.flush_acks();
        pub.pump();
        max_in_flight = std::max(max_in_flight, pub.in_flight());
    }

    bool run_until(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
        return loop.run_until(done, timeout, [this] { turn(); });
    }

    gw::test::TestLog log;
    gw::test::TestLoop loop;
    std::atomic<int> connects{0};
    mq::MqttClient client;
    CheckingSender sender;
    mq::OutboxPublisher pub;
    size_t max_in_flight = 0;
};

}  // namespace

BOOST_AUTO_TEST_CASE(five_hundred_events_in_seq_order_within_the_window) {
    gw::test::MosquittoBroker broker;
    gw::test::MqttProbe probe(broker.host(), broker.port(), "campus/v1/test/gw1/#");
    BOOST_REQUIRE(probe.wait_subscribed(5s));
    FakeOutbox outbox;
    outbox.add(500);
    constexpr size_t kWindow = 16;
    Rig rig(broker.url(), kWindow, outbox);
    BOOST_REQUIRE(rig.client.start().ok());

    BOOST_REQUIRE(rig.run_until([&] { return outbox.depth() == 0; }, 20s));
    BOOST_REQUIRE(probe.wait_for(500, 10s));
    const auto msgs = probe.messages();
    BOOST_REQUIRE_EQUAL(msgs.size(), 500u);
    for (size_t i = 0; i < msgs.size(); ++i) {
        BOOST_TEST_REQUIRE(seq_of(msgs[i].payload) == i + 1);
        BOOST_TEST(!msgs[i].retained);
    }
    BOOST_TEST(rig.max_in_flight == kWindow);  // the window was used and never exceeded
    BOOST_TEST(outbox.removed.size() == 500u);
    BOOST_TEST(outbox.remove_calls < 500u);  // acks are removed in batches
    BOOST_TEST(rig.pub.stats().published == 500u);
    BOOST_TEST(rig.pub.stats().acked == 500u);
    rig.client.stop();
}

BOOST_AUTO_TEST_CASE(broker_restart_while_publishing_loses_nothing) {
    gw::test::MosquittoBrokerOptions bo;
    bo.persistence = true;  // so the probe's own queue survives the restart too
    gw::test::MosquittoBroker broker(bo);
    gw::test::MqttProbeOptions po;
    po.client_id = "probe-restart-" + std::to_string(::getpid());
    po.clean_session = false;
    gw::test::MqttProbe probe(broker.host(), broker.port(), "campus/v1/test/gw1/#", po);
    BOOST_REQUIRE(probe.wait_subscribed(5s));

    FakeOutbox outbox;
    outbox.add(300);
    Rig rig(broker.url(), 20, outbox);
    BOOST_REQUIRE(rig.client.start().ok());

    // Stop the broker in the middle of the stream, with a full window in flight: frozen,
    // it takes the client's publishes into its socket buffer but acknowledges none.
    BOOST_REQUIRE(rig.run_until([&] { return rig.sender.acked >= 60; }, 10s));
    broker.pause();
    BOOST_REQUIRE(rig.run_until([&] { return rig.pub.in_flight() == 20; }, 5s));
    BOOST_REQUIRE(outbox.depth() > 20);
    broker.stop();
    // Decisions go on while the broker is away: the outbox grows.
    BOOST_REQUIRE(!rig.run_until([&] { return false; }, 300ms));
    BOOST_TEST(!rig.client.connected());
    outbox.add(100);
    BOOST_REQUIRE(!rig.run_until([&] { return false; }, 1500ms));
    const size_t published_while_down = rig.sender.published;
    BOOST_REQUIRE(!rig.run_until([&] { return false; }, 500ms));
    BOOST_TEST(rig.sender.published == published_while_down);  // nothing sent while offline
    broker.start();

    BOOST_REQUIRE(rig.run_until([&] { return outbox.depth() == 0; }, 30s));
    BOOST_TEST(rig.connects.load() == 2);
    BOOST_TEST(rig.max_in_flight <= 20u);
    BOOST_TEST(outbox.removed.size() == 400u);
    // Everything the probe gets arrives by 400 plus duplicates; wait for the set.
    BOOST_REQUIRE(gw::test::wait_until(
        [&] {
            std::set<uint64_t> seen;
            for (const auto& m : probe.messages()) seen.insert(seq_of(m.payload));
            return seen.size() == 400;
        },
        15s));
    check_in_order_without_gaps(probe.messages(), 400);
    BOOST_TEST_MESSAGE("probe got " << probe.count() << " messages for 400 events");
    rig.client.stop();
}

BOOST_AUTO_TEST_SUITE_END()
