// The face-terminal codecs: Hikvision event pushes (multipart + JSON), ZKTeco PUSH lines and
// command results, Digest checks, address allowlists, photo checks, the ZKTeco command queue.
#define BOOST_TEST_MODULE face_codec
#include <boost/test/unit_test.hpp>

#include "devices/face/address_allowlist.hpp"
#include "devices/face/digest_auth.hpp"
#include "devices/face/hik_event.hpp"
#include "devices/face/multipart.hpp"
#include "devices/face/photo_check.hpp"
#include "devices/face/zk_command_queue.hpp"
#include "devices/face/zk_records.hpp"
#include "hikvision_emulator.hpp"
#include "test_jpeg.hpp"

using namespace gw::dev::face;

namespace {

const std::string kType = "multipart/form-data; boundary=MIME_boundary";

std::string multipart(const std::string& name, const std::string& json, bool picture) {
    std::string b = "--MIME_boundary\r\nContent-Disposition: form-data; name=\"" + name +
                    "\"\r\nContent-Type: application/json\r\n\r\n" + json + "\r\n";
    if (picture)
        b += "--MIME_boundary\r\nContent-Disposition: form-data; name=\"Picture\"\r\n"
             "Content-Type: image/jpeg\r\n\r\n\xFF\xD8\xFF--MIME_boundar\r\n";
    return b + "--MIME_boundary--\r\n";
}

}  // namespace

BOOST_AUTO_TEST_CASE(face_event_in_either_part_name_with_and_without_picture) {
    const auto ev = gw::test::HikvisionEmulator::face_event("p-1", 0.93, 77);
    for (const auto& name : {"event_log", "AccessControllerEvent", "anything"}) {
        for (bool pic : {false, true}) {
            auto r = parse_hik_push(kType, multipart(name, ev, pic));
            BOOST_REQUIRE_MESSAGE(r.event, r.error);
            BOOST_TEST(int(r.event->kind) == int(HikEventKind::Face));
            BOOST_TEST(r.event->employee_no == "p-1");
            BOOST_TEST(*r.event->similarity == 0.93);
            BOOST_TEST(*r.event->serial_no == 77u);
        }
    }
    auto bare = parse_hik_push("application/json; charset=utf-8", ev);  // some firmware
    BOOST_REQUIRE(bare.event);
    BOOST_TEST(bare.event->employee_no == "p-1");
}

BOOST_AUTO_TEST_CASE(percent_similarity_card_failed_face_and_other_events) {
    auto pct = parse_hik_event_json(gw::test::HikvisionEmulator::face_event("p-1", 88.0, 1));
    BOOST_TEST(*pct.event->similarity == 0.88);
    auto card = parse_hik_event_json(gw::test::HikvisionEmulator::card_event("2712847316", 2));
    BOOST_TEST(int(card.event->kind) == int(HikEventKind::Card));
    BOOST_TEST(card.event->card_no == "2712847316");
    auto failed = parse_hik_event_json(gw::test::HikvisionEmulator::face_event("", std::nullopt, 3, 76));
    BOOST_TEST(int(failed.event->kind) == int(HikEventKind::FaceFailed));
    auto door = parse_hik_event_json(gw::test::HikvisionEmulator::face_event("", std::nullopt, 4, 21));
    BOOST_TEST(int(door.event->kind) == int(HikEventKind::Other));
    auto beat = parse_hik_event_json(R"({"eventType":"heartBeat"})");
    BOOST_TEST(int(beat.event->kind) == int(HikEventKind::Other));
}

BOOST_AUTO_TEST_CASE(malformed_pushes_are_refused_with_a_reason) {
    const std::pair<std::string, std::string> bad[] = {
        {kType, "no boundary here"},
        {kType, "--MIME_boundary\r\nContent-Type: application/json\r\n\r\n{\"eventType\":1}"},
        {kType, "--MIME_boundary\r\nbroken header line\r\n\r\n{}\r\n--MIME_boundary--"},
        {kType, multipart("event_log", "{not json", false)},
        {kType, multipart("event_log", "[1,2]", false)},
        {kType, multipart("event_log", R"({"AccessControllerEvent":7})", false)},
        {"text/plain", "{}"},
        {"multipart/form-data", multipart("x", "{}", false)},
        {kType, "--MIME_boundary\r\nContent-Type: image/jpeg\r\n\r\nxx\r\n--MIME_boundary--"},
    };
    for (const auto& [type, body] : bad) {
        auto r = parse_hik_push(type, body);
        BOOST_TEST(!r.event);
        BOOST_TEST(!r.error.empty());
    }
}

BOOST_AUTO_TEST_CASE(remote_check_flag_and_serial_number) {
    using gw::test::HikvisionEmulator;
    const auto asks = HikvisionEmulator::with_remote_check(HikvisionEmulator::face_event("p-1", 0.9, 4711));
    auto r = parse_hik_push(kType, multipart("event_log", asks, true));
    BOOST_REQUIRE_MESSAGE(r.event, r.error);
    BOOST_TEST(r.event->remote_check);
    BOOST_TEST(*r.event->serial_no == 4711u);
    BOOST_TEST(int(r.event->kind) == int(HikEventKind::Face));
    // Absent, or false: the terminal decided by itself.
    auto plain = parse_hik_event_json(HikvisionEmulator::face_event("p-1", 0.9, 4712));
    BOOST_REQUIRE(plain.event);
    BOOST_TEST(!plain.event->remote_check);
    auto no = parse_hik_event_json(
        R"({"AccessControllerEvent":{"majorEventType":5,"subEventType":75,"serialNo":9,"remoteCheck":false}})");
    BOOST_REQUIRE(no.event);
    BOOST_TEST(!no.event->remote_check);
    // Not a boolean: not a question.
    auto text = parse_hik_event_json(R"({"AccessControllerEvent":{"serialNo":9,"remoteCheck":"true"}})");
    BOOST_REQUIRE(text.event);
    BOOST_TEST(!text.event->remote_check);
    // A question without a usable serial number cannot be answered: refused, with a reason.
    for (const char* serial : {"", R"("serialNo":"12",)", R"("serialNo":-3,)", R"("serialNo":1.5,)",
                               R"("serialNo":1e30,)", R"("serialNo":null,)"}) {
        auto bad = parse_hik_event_json(std::string(R"({"AccessControllerEvent":{)") + serial +
                                        R"("majorEventType":5,"subEventType":75,"remoteCheck":true}})");
        BOOST_TEST(!bad.event, serial);
        BOOST_TEST(bad.error == "remote check without a serial number", serial);
    }
}

BOOST_AUTO_TEST_CASE(remote_check_answer_body) {
    const auto body = remote_check_answer(4711, true, "ok");
    BOOST_TEST(body == R"({"RemoteCheck":{"checkResult":"success","info":"ok","serialNo":4711}})");
    BOOST_TEST(remote_check_answer(18446744073709551615ull, false, "unknown_credential") ==
               R"({"RemoteCheck":{"checkResult":"failed","info":"unknown_credential","serialNo":18446744073709551615}})");
    // The info text is short, and stays valid JSON whatever it holds.
    const auto cut = remote_check_answer(1, false, std::string(100, 'x') + "\"\xFF");
    BOOST_TEST(cut.find(std::string(32, 'x') + "\"") != std::string::npos);
    BOOST_TEST(cut.find(std::string(33, 'x')) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(card_numbers_to_uids) {
    BOOST_TEST(*card_uid_from_number("2712847316", true) == "A1B2C3D4");
    BOOST_TEST(*card_uid_from_number("1", true) == "00000001");
    BOOST_TEST(*card_uid_from_number("4294967296", true) == "00000100000000");
    BOOST_TEST(*card_uid_from_number("04a1b2c3", false) == "04A1B2C3");
    BOOST_TEST(!card_uid_from_number("12x4", true));
    BOOST_TEST(!card_uid_from_number("0", true));
    BOOST_TEST(!card_uid_from_number("ABC", false));
    BOOST_TEST(!card_uid_from_number("", false));
}

BOOST_AUTO_TEST_CASE(attlog_lines_each_judged_alone) {
    const std::string body =
        "p-1\t2026-11-23 07:41:05\t0\t15\t0\t0\t0\n"   // face, in
        "p-2\t2026-11-23 07:42:00\t1\t1\t0\n"          // fingerprint, out
        "\n"                                           // blank: skipped, not counted
        "p-3\t2026-13-23 07:42:00\t0\t15\n"            // month 13
        "p 4\t2026-11-23 07:42:00\t0\t15\n"            // bad PIN
        "p-5\t2026-11-23 07:42:00\n"                   // too few fields
        "p-6\t2026-11-23 07:42:00\tx\t15\r\n";         // bad status
    auto r = parse_attlog(body);
    BOOST_TEST(r.lines == 6u);
    BOOST_REQUIRE_EQUAL(r.records.size(), 2u);
    BOOST_TEST(r.records[0].pin == "p-1");
    BOOST_TEST(int(r.records[0].verify) == int(ZkVerify::Face));
    BOOST_TEST(r.records[1].in_out == 1);
    BOOST_TEST(int(r.records[1].verify) == int(ZkVerify::Fingerprint));
    BOOST_REQUIRE_EQUAL(r.errors.size(), 4u);
    BOOST_TEST(r.errors[0] == "line 4: bad time");
}

BOOST_AUTO_TEST_CASE(rtlog_and_devicecmd) {
    auto r = parse_rtlog("time=2017-01-10 11:49:32\tpin=1001\tcardno=0\teventaddr=1\tevent=0\t"
                         "inoutstatus=0\tverifytype=15\tindex=42\n"
                         "time=2017-01-10 11:49:40\tpin=0\tevent=27\tverifytype=15\n"
                         "garbage\n");
    BOOST_REQUIRE_EQUAL(r.records.size(), 2u);
    BOOST_TEST(r.records[0].pin == "1001");
    BOOST_TEST(r.records[0].pass);
    BOOST_TEST(r.records[1].pin.empty());
    BOOST_TEST(!r.records[1].pass);
    BOOST_TEST(r.errors.size() == 1u);
    auto c = parse_devicecmd("ID=12&Return=0&CMD=DATA\nID=13&Return=-1002&CMD=DATA\nID=&Return=0\nnonsense");
    BOOST_REQUIRE_EQUAL(c.size(), 2u);
    BOOST_TEST(c[1].id == "13");
    BOOST_TEST(c[1].code == -1002);
}

BOOST_AUTO_TEST_CASE(digest_answers_are_checked) {
    // RFC 2617 §3.5 example values.
    const std::string auth =
        "Digest username=\"Mufasa\", realm=\"testrealm@host.com\", "
        "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"/dir/index.html\", qop=auth, "
        "nc=00000001, cnonce=\"0a4f113b\", response=\"6629fae49393a05397450978507c4ef1\", "
        "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"";
    BOOST_TEST(digest_valid(auth, "GET", "/dir/index.html", "testrealm@host.com",
                            "dcd98b7102dd2f0e8b11d0f600bfb0c093", "Mufasa", "Circle Of Life"));
    BOOST_TEST(!digest_valid(auth, "GET", "/dir/index.html", "testrealm@host.com",
                             "dcd98b7102dd2f0e8b11d0f600bfb0c093", "Mufasa", "wrong"));
    BOOST_TEST(!digest_valid(auth, "PUT", "/dir/index.html", "testrealm@host.com",
                             "dcd98b7102dd2f0e8b11d0f600bfb0c093", "Mufasa", "Circle Of Life"));
    BOOST_TEST(!digest_valid("Basic TXVmYXNhOg==", "GET", "/", "r", "n", "Mufasa", ""));
}

BOOST_AUTO_TEST_CASE(allowlist_ips_and_networks) {
    AddressAllowlist a({"192.168.10.21", "10.1.0.0/16", "fd00::/8", "bad"});
    BOOST_TEST(a.allows("192.168.10.21"));
    BOOST_TEST(!a.allows("192.168.10.22"));
    BOOST_TEST(a.allows("10.1.200.3"));
    BOOST_TEST(!a.allows("10.2.0.1"));
    BOOST_TEST(a.allows("::ffff:10.1.0.9"));
    BOOST_TEST(a.allows("fd12::1"));
    BOOST_TEST(!a.allows("fe80::1"));
    BOOST_TEST(!a.allows("not an ip"));
    BOOST_TEST(!AddressAllowlist({}).allows("127.0.0.1"));
}

BOOST_AUTO_TEST_CASE(photos_are_checked) {
    PhotoLimits lim;
    auto good = check_photo(gw::test::make_jpeg(480, 640), lim);
    BOOST_TEST(good.ok);
    BOOST_TEST(good.width == 480);
    BOOST_TEST(check_photo(gw::test::make_jpeg(60, 200), lim).reason == "photo_too_small");
    BOOST_TEST(check_photo(gw::test::make_jpeg(1000, 1000, 100, true), lim).reason == "photo_too_large");
    BOOST_TEST(check_photo("\x89PNG\r\n\x1a\n....", lim).reason == "photo_not_jpeg");
    auto jpeg = gw::test::make_jpeg(480, 640);
    BOOST_TEST(check_photo(jpeg.substr(0, jpeg.size() / 2), lim).reason == "photo_undecodable");
    BOOST_TEST(check_photo(std::string("\xFF\xD8\xFF\xE0garbage"), lim).reason == "photo_undecodable");
}

BOOST_AUTO_TEST_CASE(zk_queue_plans_takes_and_acknowledges) {
    auto enrol = [](const std::string& id, const std::string& cred) {
        gw::core::FaceEnrolment e;
        e.person.id = id;
        e.person.display = "张*\t明";
        e.credential.id = cred;
        return e;
    };
    ZkCommandQueue q;
    BOOST_TEST(q.plan({enrol("p-1", "f-1"), enrol("p-2", "f-2"), enrol("bad pin", "f-3")}) == 2u);
    BOOST_TEST(q.plan({enrol("p-1", "f-1"), enrol("p-2", "f-2")}) == 0u);  // already queued
    const auto cmds = q.take(10);
    BOOST_TEST(cmds == "C:1:DATA UPDATE USERINFO PIN=p-1\tName=张*明\tPri=0\tPasswd=\tCard=\tGrp=1\n"
                       "C:2:DATA UPDATE USERINFO PIN=p-2\tName=张*明\tPri=0\tPasswd=\tCard=\tGrp=1\n");
    BOOST_TEST(q.take(10).empty());
    BOOST_TEST(q.acknowledge({{"1", 0, "DATA"}, {"2", -1002, "DATA"}, {"9", 0, "DATA"}}) == 2u);
    BOOST_TEST(q.failed() == 1u);
    BOOST_TEST(q.plan({enrol("p-2", "f-2")}) == 2u);  // p-2 again, p-1 deleted
    BOOST_TEST(q.take(1) == "C:3:DATA UPDATE USERINFO PIN=p-2\tName=张*明\tPri=0\tPasswd=\tCard=\tGrp=1\n");
    BOOST_TEST(q.take(5) == "C:4:DATA DELETE USERINFO PIN=p-1\n");
}
