// What libmosquitto 2.0 does with QoS 1 messages that were in flight when the connection
// dropped, observed on the wire with a scripted server. OutboxPublisher's reconnect policy
// (keep the mid -> seq map, do not re-publish) depends on exactly this behaviour:
//   - after the reconnect's CONNACK the client re-sends them itself, DUP set, same
//     message id, in their original order;
//   - MqttClient reports connected() only after that, so a message published next goes
//     out after the re-sends (no reordering);
//   - each PUBACK is reported once, with the original message id.
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <mutex>
#include <vector>

#include "adapters/mqtt/mqtt_client.hpp"
#include "adapters/mqtt/mqtt_error.hpp"
#include "raw_mqtt_server.hpp"
#include "test_loop.hpp"

using namespace std::chrono_literals;
namespace mq = gw::adp::mqtt;
using gw::test::RawMqttServer;
using gw::test::wait_until;

namespace {

constexpr int kConnect = 1;
// CONNACK: type 2, remaining length 2, session-present 0, return code 0 (accepted).
const std::vector<uint8_t> kConnack = {0x20, 0x02, 0x00, 0x00};

std::vector<uint8_t> puback(uint16_t mid) {
    // PUBACK: type 4, remaining length 2, packet identifier (big endian).
    return {0x40, 0x02, static_cast<uint8_t>(mid >> 8), static_cast<uint8_t>(mid & 0xff)};
}

gw::test::RawPublish expect_publish(RawMqttServer& srv) {
    auto p = srv.read_packet(5s);
    BOOST_REQUIRE_MESSAGE(p.has_value(), "no packet");
    auto pub = gw::test::parse_publish(*p);
    BOOST_REQUIRE_MESSAGE(pub.has_value(), "not a PUBLISH: type " << p->type());
    return *pub;
}

void accept_session(RawMqttServer& srv) {
    BOOST_REQUIRE(srv.accept(5s));
    auto connect = srv.read_packet(5s);
    BOOST_REQUIRE(connect.has_value());
    BOOST_REQUIRE_EQUAL(connect->type(), kConnect);
    BOOST_REQUIRE(srv.write(kConnack));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(libmosquitto_behaviour)

BOOST_AUTO_TEST_CASE(libmosquitto_resends_in_flight_qos1_after_reconnect_in_order) {
    RawMqttServer srv;
    std::mutex mutex;
    std::vector<int> acked;
    mq::MqttCallbacks cb;
    cb.on_published = [&](int mid) {
        std::lock_guard lock(mutex);
        acked.push_back(mid);
    };
    mq::MqttOptions o;
    o.url = "mqtt://127.0.0.1:" + std::to_string(srv.port());
    o.keepalive = 60s;
    o.reconnect_min = 20ms;
    o.reconnect_max = 100ms;
    mq::MqttClient client(o, cb);
    BOOST_REQUIRE(client.start().ok());

    // Connection 1: two QoS 1 messages go out and are never acknowledged.
    accept_session(srv);
    BOOST_REQUIRE(wait_until([&] { return client.connected(); }, 5s));
    auto mid1 = client.publish_qos1("t/a", "one", false);
    auto mid2 = client.publish_qos1("t/b", "two", false);
    BOOST_REQUIRE(mid1.ok() && mid2.ok());
    const auto p1 = expect_publish(srv);
    const auto p2 = expect_publish(srv);
    BOOST_TEST(p1.payload == "one");
    BOOST_TEST(!p1.dup);
    BOOST_TEST(p1.qos == 1);
    BOOST_TEST(p2.payload == "two");
    BOOST_TEST(p1.mid != p2.mid);
    srv.close_connection();

    // Offline: new QoS 1 publishes are refused rather than queued in libmosquitto.
    BOOST_REQUIRE(wait_until([&] { return !client.connected(); }, 5s));
    auto offline = client.publish_qos1("t/c", "refused", false);
    BOOST_REQUIRE(!offline.ok());
    BOOST_TEST((offline.error().code == mq::MqttErrc::NotConnected));

    // Connection 2: after CONNACK the client re-sends 1 and 2 by itself, then sends 3.
    accept_session(srv);
    BOOST_REQUIRE(wait_until([&] { return client.connected(); }, 5s));
    auto mid3 = client.publish_qos1("t/c", "three", false);
    BOOST_REQUIRE(mid3.ok());
    const auto r1 = expect_publish(srv);
    const auto r2 = expect_publish(srv);
    const auto r3 = expect_publish(srv);
    BOOST_TEST(r1.dup);
    BOOST_TEST(r1.mid == p1.mid);
    BOOST_TEST(r1.topic == "t/a");
    BOOST_TEST(r1.payload == "one");
    BOOST_TEST(r2.dup);
    BOOST_TEST(r2.mid == p2.mid);
    BOOST_TEST(r2.payload == "two");
    BOOST_TEST(!r3.dup);
    BOOST_TEST(r3.payload == "three");

    // Each PUBACK (by packet id on the wire) is reported once, as the id publish_qos1
    // returned.
    for (const auto& p : {r1, r2, r3}) BOOST_REQUIRE(srv.write(puback(p.mid)));
    BOOST_REQUIRE(srv.write(puback(r1.mid)));  // a stray duplicate
    BOOST_REQUIRE(wait_until(
        [&] {
            std::lock_guard lock(mutex);
            return acked.size() >= 3;
        },
        5s));
    std::this_thread::sleep_for(100ms);
    std::lock_guard lock(mutex);
    BOOST_TEST(acked == (std::vector<int>{*mid1, *mid2, *mid3}));
}

BOOST_AUTO_TEST_SUITE_END()
