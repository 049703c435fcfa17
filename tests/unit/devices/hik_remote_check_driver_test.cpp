// The hikvision driver's remote verification against the Hikvision emulator, in process:
// which pushes become questions (answer_ref, device_opens) for each remote_check mode, what
// feedback() sends back, and that late or undeliverable answers are counted.
#define BOOST_TEST_MODULE hik_remote_check_driver
#include <boost/test/unit_test.hpp>

#include <mutex>
#include <thread>

#include "devices/face/hikvision_terminal.hpp"
#include "hikvision_emulator.hpp"
#include "tests/support/tcp_port.hpp"

using namespace gw;
using namespace std::chrono_literals;
using gw::test::HikvisionEmulator;

namespace {

struct Recorder final : core::DeviceEvents {
    std::mutex mutex;
    std::vector<core::Presentation> seen;
    void presentation(core::Presentation p) override {
        std::lock_guard lock(mutex);
        seen.push_back(std::move(p));
    }
    void availability(const std::string&, core::Availability, std::string) override {}
    std::vector<core::Presentation> all() {
        std::lock_guard lock(mutex);
        return seen;
    }
};

/// A terminal (emulator) and the driver for it, listening for pushes on a free port.
struct Rig {
    HikvisionEmulator hik{"admin", "Terminal-Pass1"};
    uint16_t port = test::find_free_port();
    Recorder events;
    std::unique_ptr<dev::face::HikvisionTerminal> driver;

    explicit Rig(dev::face::RemoteCheckMode mode, std::string address = {}) {
        dev::face::HikvisionOptions o;
        o.id = "face-1";
        o.api.base_url = address.empty() ? hik.url() : address;
        o.api.username = "admin";
        o.api.password = "Terminal-Pass1";
        o.push.listen = "127.0.0.1:" + std::to_string(port);
        o.push.allow_from = {"127.0.0.1"};
        o.push.channel = "dev.face-1";
        o.poll_interval = 1h;
        o.remote_check = mode;
        o.remote_check_timeout = 2s;
        driver = std::make_unique<dev::face::HikvisionTerminal>(o, dev::face::EnrolmentContext{});
        driver->start(events);
        BOOST_REQUIRE(test::wait_port_open(port, 5s));
    }
    ~Rig() { driver->stop(); }
    int push(const std::string& ev) {
        return HikvisionEmulator::push("http://127.0.0.1:" + std::to_string(port) + "/", ev, false);
    }
    template <class Pred>
    bool eventually(Pred pred) {
        const auto end = std::chrono::steady_clock::now() + 5s;
        while (!pred() && std::chrono::steady_clock::now() < end) std::this_thread::sleep_for(10ms);
        return pred();
    }
    uint64_t unanswered() const {
        for (const auto& c : driver->counters())
            if (c.name == "remote_check_unanswered") return c.value;
        return 999;
    }
};

core::Decision decision(bool allow, core::Reason reason) {
    core::Decision d;
    d.verdict = allow ? core::Verdict::Allow : core::Verdict::Deny;
    d.reason = reason;
    return d;
}

}  // namespace

BOOST_AUTO_TEST_CASE(auto_mode_asks_only_when_the_terminal_asks) {
    Rig rig(dev::face::RemoteCheckMode::Auto);
    BOOST_TEST(rig.push(HikvisionEmulator::with_remote_check(HikvisionEmulator::face_event("p-1", 0.9, 11))) == 200);
    BOOST_TEST(rig.push(HikvisionEmulator::face_event("p-1", 0.9, 12)) == 200);
    // A question about a fingerprint: answered at once, no presentation.
    BOOST_TEST(rig.push(HikvisionEmulator::with_remote_check(
                   HikvisionEmulator::face_event("", std::nullopt, 13, 38))) == 200);
    BOOST_REQUIRE(rig.eventually([&] { return rig.events.all().size() == 2; }));
    const auto seen = rig.events.all();
    BOOST_TEST(seen[0].answer_ref.value_or(0) == 11u);
    BOOST_TEST(seen[0].device_opens);
    BOOST_TEST(!seen[1].answer_ref);
    BOOST_TEST(!seen[1].device_opens);
    BOOST_REQUIRE(rig.eventually([&] { return rig.hik.remote_check_answers().size() == 1; }));
    BOOST_TEST(rig.hik.remote_check_answers()[0].serial_no == 13u);
    BOOST_TEST(rig.hik.remote_check_answers()[0].check_result == "failed");
    BOOST_TEST(rig.hik.remote_check_answers()[0].info == "unsupported");
    // The core loop's decisions come back through feedback().
    rig.driver->feedback(seen[0], decision(true, core::Reason::Ok));
    rig.driver->feedback(seen[1], decision(true, core::Reason::Ok));  // no question: no answer
    BOOST_REQUIRE(rig.eventually([&] { return rig.hik.remote_check_answers().size() == 2; }));
    std::this_thread::sleep_for(200ms);
    const auto answers = rig.hik.remote_check_answers();
    BOOST_REQUIRE_EQUAL(answers.size(), 2u);
    BOOST_TEST(answers[1].serial_no == 11u);
    BOOST_TEST(answers[1].check_result == "success");
    BOOST_TEST(answers[1].info == "ok");
    BOOST_TEST(rig.hik.auth_failures() == 0u);
    BOOST_TEST(rig.unanswered() == 0u);
}

BOOST_AUTO_TEST_CASE(always_mode_asks_for_credential_events_and_off_never) {
    Rig always(dev::face::RemoteCheckMode::Always);
    BOOST_TEST(always.push(HikvisionEmulator::card_event("2712847316", 21)) == 200);
    BOOST_TEST(always.push(HikvisionEmulator::face_event("", std::nullopt, 22, 21)) == 200);  // door state
    BOOST_REQUIRE(always.eventually([&] { return always.events.all().size() == 1; }));
    BOOST_TEST(always.events.all()[0].answer_ref.value_or(0) == 21u);
    always.driver->feedback(always.events.all()[0], decision(false, core::Reason::Curfew));
    BOOST_REQUIRE(always.eventually([&] { return always.hik.remote_check_answers().size() == 1; }));
    BOOST_TEST(always.hik.remote_check_answers()[0].check_result == "failed");
    BOOST_TEST(always.hik.remote_check_answers()[0].info == "curfew");
    std::this_thread::sleep_for(200ms);
    BOOST_TEST(always.hik.remote_check_answers().size() == 1u);  // the door state asked nothing

    Rig off(dev::face::RemoteCheckMode::Off);
    BOOST_TEST(off.push(HikvisionEmulator::with_remote_check(HikvisionEmulator::face_event("p-1", 0.9, 31))) == 200);
    BOOST_REQUIRE(off.eventually([&] { return off.events.all().size() == 1; }));
    BOOST_TEST(!off.events.all()[0].answer_ref);
    BOOST_TEST(!off.events.all()[0].device_opens);
}

BOOST_AUTO_TEST_CASE(late_and_undeliverable_answers_are_counted) {
    Rig rig(dev::face::RemoteCheckMode::Auto);
    core::Presentation late;
    late.device_id = "face-1";
    late.answer_ref = 41;
    late.received = std::chrono::steady_clock::now() - 10s;  // the terminal gave up long ago
    rig.driver->feedback(late, decision(true, core::Reason::Ok));
    BOOST_REQUIRE(rig.eventually([&] { return rig.unanswered() == 1; }));
    BOOST_TEST(rig.hik.remote_check_answers().empty());

    Rig gone(dev::face::RemoteCheckMode::Auto, "http://127.0.0.1:" + std::to_string(test::find_free_port()));
    core::Presentation fresh = late;
    fresh.received = std::chrono::steady_clock::now();
    gone.driver->feedback(fresh, decision(true, core::Reason::Ok));
    BOOST_TEST(gone.eventually([&] { return gone.unanswered() == 1; }));
}
