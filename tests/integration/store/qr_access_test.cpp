// The e-ID QR path as the core loop runs it (eid-qr-v1 §4-§5): AccessService with the
// EidQrGate, the policy engine and the real SQLite store, codes made by the test issuer.
// Asserts the outbox payloads a consumer receives: the access event and the 亮证记录.
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include "adapters/crypto/ceid1_issuer.hpp"
#include "adapters/crypto/es256_verifier.hpp"
#include "gateway/core/access_service.hpp"
#include "gateway/core/fixed_offset_time_zone.hpp"
#include "gateway/core/qr/issuer_key.hpp"
#include "store_fixture.hpp"

using namespace gw;
using namespace gw::test;
using json = nlohmann::json;

namespace {

constexpr int64_t kNow = 1'795'330'800;  // 2026-11-23T07:00:00Z

class StepClock final : public core::Clock {
public:
    core::SysTime now() const override { return t; }
    bool synced() const override { return is_synced; }
    core::SysTime t = core::SysTime(std::chrono::seconds(kNow));
    bool is_synced = true;
};

core::Zone zone(const std::string& id, core::ZoneKind kind, bool any_eid) {
    core::Zone z;
    z.id = id;
    z.kind = kind;
    z.category = kind == core::ZoneKind::Venue ? "美" : "";
    z.allow_any_valid_eid = any_eid;
    if (kind == core::ZoneKind::Dorm) z.allow_groups = {"dorm:1"};
    return z;
}

core::AccessPoint point(const std::string& id, const std::string& zone_id,
                        const std::string& device) {
    core::AccessPoint p;
    p.id = id;
    p.name = id + " 门";
    p.zone_id = zone_id;
    p.device_id = device;
    p.service = "博物馆参观";
    p.venue_code = "310104-0031";
    return p;
}

/// A dorm scanner where the card number printed on campus cards may be scanned.
core::AccessPoint card_number_point() {
    core::AccessPoint p = point("dorm-side", "dorm", "scan-c");
    p.plain_codes = core::PlainCodes::CardUid;
    return p;
}

/// A store with p-1 (dorm:1) holding e-ID credential 0011223344556677, an issuer in the
/// trust list, and museum points east/west plus a dorm gate.
struct QrAccessWorld : StoreFixture {
    std::unique_ptr<SqliteStore> store = open();
    StepClock clock;
    core::FixedOffsetTimeZone tz{8 * 3600};
    core::Topology topology{{zone("museum", core::ZoneKind::Venue, true),
                             zone("dorm", core::ZoneKind::Dorm, false),
                             zone("classrooms", core::ZoneKind::Attendance, false)},
                            {point("museum-east", "museum", "scan-e"),
                             point("museum-west", "museum", "scan-w"),
                             point("dorm-gate", "dorm", "scan-d"),
                             card_number_point(),
                             point("r301", "classrooms", "scan-a")},
                            core::Calendar{}};
    adp::crypto::Es256Verifier verifier;
    core::EidQrGate gate{verifier, *store, *store};
    core::PolicyEngine engine{*store, *store, *store, hasher, topology.calendar()};
    core::AccessService service{{"q-site", "q-gw"}, clock, tz, *store, engine, *store};
    adp::crypto::Es256Signer issuer_key = adp::crypto::Es256Signer::generate().value();
    adp::crypto::Es256Signer holder = adp::crypto::Es256Signer::generate().value();
    adp::crypto::Ceid1Issuer issuer{issuer_key};

    QrAccessWorld() {
        auto pg = page("c1", true, false);
        pg.persons.push_back(person("p-1", {"dorm:1", "class:1"}));
        pg.credentials.push_back(credential("0011223344556677", "p-1", core::CredentialKind::EidQr));
        pg.credentials.push_back(
            credential("c-1", "p-1", core::CredentialKind::NfcUid, "04A1B2C3D4E5F6"));
        BOOST_TEST_REQUIRE(store->apply_roster_page(pg, hasher, clock.t).ok());
        core::qr::IssuerKey k{issuer_key.kid(), issuer_key.spki_der(),
                              clock.t - std::chrono::hours(24 * 30),
                              clock.t + std::chrono::hours(24 * 30)};
        gate.set_issuer_keys({k});
        service.set_qr_gate(&gate);
    }

    /// A code for `sub` with credential id `cti_hex`, shown now.
    std::string code(const std::string& sub, const std::string& cti,
                     const adp::crypto::Ceid1Issuer* by = nullptr) {
        adp::crypto::Ceid1Claims c;
        c.sub = sub;
        c.tname = "上海市中等职业学校电子学生证";
        c.cti = cti;
        const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                                clock.t.time_since_epoch()).count();
        c.iat = c.nbf = static_cast<uint64_t>(now - 3600);
        c.exp = static_cast<uint64_t>(now + 7 * 86400);
        const auto cred = (by ? *by : issuer).credential(c, holder.public_point());
        return adp::crypto::ceid1_presentation(cred, static_cast<uint64_t>(now / 30), holder);
    }

    /// Scans `text` at the point fed by `device`; returns the payloads appended.
    std::vector<json> scan(const std::string& device, const std::string& text) {
        const uint64_t before = store->next_seq();
        BOOST_TEST_REQUIRE(store->begin().ok());
        core::Presentation p;
        p.device_id = device;
        p.kind = core::PresentationKind::QrText;
        p.secret = text;
        auto r = service.handle(p, topology);
        BOOST_TEST_REQUIRE(r.ok());
        BOOST_TEST_REQUIRE(store->commit().ok());
        std::vector<json> out;
        for (const auto& e : store->pending(before - 1, 10)) {
            BOOST_TEST(e.payload.find("CEID1:") == std::string::npos);
            json j = json::parse(e.payload);
            j["_topic"] = e.topic;
            out.push_back(j);
        }
        return out;
    }
};

const std::string kCti = std::string("\x00\x11\x22\x33\x44\x55\x66\x77", 8);

}  // namespace

BOOST_AUTO_TEST_SUITE(qr_access)

BOOST_FIXTURE_TEST_CASE(museum_scan_gives_an_event_and_a_shown_record, QrAccessWorld) {
    auto out = scan("scan-e", code("p-1", kCti));
    BOOST_TEST_REQUIRE(out.size() == 2u);
    const json& ev = out[0];
    BOOST_TEST(ev["_topic"] == "campus/v1/q-site/q-gw/access/venue/museum-east");
    BOOST_TEST(ev["decision"] == "allow");
    BOOST_TEST(ev["credential"]["kind"] == "eid_qr");
    BOOST_TEST(ev["person"]["id"] == "p-1");
    BOOST_TEST(ev["venue"]["category"] == "美");
    const json& shown = out[1];
    BOOST_TEST(shown["_topic"] == "campus/v1/q-site/q-gw/eid/shown");
    BOOST_TEST(shown["schema"] == "campus.eid-shown/1");
    BOOST_TEST(shown["seq"] == ev["seq"].get<uint64_t>() + 1);
    BOOST_TEST(shown["cid"] == "0011223344556677");
    BOOST_TEST(shown["credential_name"] == "上海市中等职业学校电子学生证");
    BOOST_TEST(shown["verifier"]["venue_code"] == "310104-0031");
    BOOST_TEST(shown["verifier"]["name"] == "museum-east 门");
    BOOST_TEST(shown["service"] == "博物馆参观");
    BOOST_TEST(shown["time"] == ev["time"]);
    BOOST_TEST(shown["reason"] == "ok");
}

BOOST_FIXTURE_TEST_CASE(replay_elsewhere_is_refused_and_a_rescan_repeats, QrAccessWorld) {
    const std::string text = code("p-1", kCti);
    BOOST_TEST(scan("scan-e", text)[0]["decision"] == "allow");
    clock.t += std::chrono::seconds(3);
    auto again = scan("scan-e", text);  // the turnstile timed out: same point, 3 s later
    BOOST_TEST(again[0]["decision"] == "allow");
    BOOST_TEST(again[0]["flags"].dump().find("repeat") != std::string::npos);
    auto west = scan("scan-w", text);
    BOOST_TEST(west[0]["decision"] == "deny");
    BOOST_TEST(west[0]["reason"] == "token_replayed");
    BOOST_TEST(west[1]["reason"] == "token_replayed");
}

BOOST_FIXTURE_TEST_CASE(revoked_forged_and_malformed_codes_are_denied, QrAccessWorld) {
    core::RevocationPage rp;
    rp.cursor = "r1";
    rp.revoked = {"aabbccddeeff0011"};
    BOOST_TEST_REQUIRE(store->apply_revocations(rp).ok());
    auto revoked = scan("scan-e", code("p-9", std::string("\xaa\xbb\xcc\xdd\xee\xff\x00\x11", 8)));
    BOOST_TEST(revoked[0]["reason"] == "revoked");
    BOOST_TEST(revoked[1]["decision"] == "deny");

    auto other = adp::crypto::Es256Signer::generate().value();
    adp::crypto::Ceid1Issuer forger(other, issuer_key.kid());
    auto forged = scan("scan-e", code("p-1", kCti, &forger));
    BOOST_TEST(forged[0]["reason"] == "bad_signature");
    BOOST_TEST(!forged[0].contains("person"));  // an unproven claim names nobody

    auto junk = scan("scan-e", "https://example.com/not-an-eid");
    BOOST_TEST_REQUIRE(junk.size() == 1u);  // nothing decoded: no 亮证记录
    BOOST_TEST(junk[0]["reason"] == "malformed");
    BOOST_TEST(junk[0]["credential"]["kind"] == "eid_qr");
}

BOOST_FIXTURE_TEST_CASE(other_schools_enter_venues_only, QrAccessWorld) {
    auto museum = scan("scan-e", code("p-other", std::string("\x01\x02\x03\x04\x05\x06\x07\x08", 8)));
    BOOST_TEST(museum[0]["decision"] == "allow");
    BOOST_TEST(museum[0]["flags"].dump().find("other_school") != std::string::npos);
    auto dorm = scan("scan-d", code("p-other", std::string("\x01\x02\x03\x04\x05\x06\x07\x09", 8)));
    BOOST_TEST(dorm[0]["reason"] == "unknown_credential");
}

BOOST_FIXTURE_TEST_CASE(unsynced_clock_applies_the_point_policy, QrAccessWorld) {
    clock.is_synced = false;
    auto out = scan("scan-e", code("p-1", kCti));
    BOOST_TEST(out[0]["reason"] == "clock_unsynced");
    BOOST_TEST(out[0]["clock"] == "unsynced");
    BOOST_TEST(out[1]["clock"] == "unsynced");
}

BOOST_FIXTURE_TEST_CASE(a_synced_clock_overrules_a_floor_set_by_a_wrong_one, QrAccessWorld) {
    const auto real = clock.t;
    clock.t = real + std::chrono::hours(24 * 365 * 5);  // a dead RTC battery says 2031
    clock.is_synced = false;
    const std::string wrong = scan("scan-d", "junk")[0]["time"];
    BOOST_TEST(wrong.starts_with("2031"));
    clock.t = real;  // NTP answers
    clock.is_synced = true;
    const std::string right = scan("scan-d", "junk")[0]["time"];
    BOOST_TEST(right.starts_with("2026"));
    clock.t -= std::chrono::milliseconds(5);  // a small step back of a synced clock
    BOOST_TEST(std::string(scan("scan-d", "junk")[0]["time"]) >= right);
}

BOOST_FIXTURE_TEST_CASE(time_stamps_never_go_back, QrAccessWorld) {
    const std::string text = code("p-1", kCti);
    const std::string first = scan("scan-d", text)[0]["time"];
    clock.t -= std::chrono::hours(2);  // the clock steps back (RTC-less boot, bad NTP)
    clock.is_synced = false;
    const std::string second = scan("scan-d", "junk")[0]["time"];
    BOOST_TEST(second >= first);
    // A restart keeps the floor: the newest stamp is stored with the events.
    store.reset();
    store = open();
    core::PolicyEngine engine2{*store, *store, *store, hasher, topology.calendar()};
    core::AccessService service2{{"q-site", "q-gw"}, clock, tz, *store, engine2, *store};
    BOOST_TEST_REQUIRE(store->begin().ok());
    core::Presentation p;
    p.device_id = "scan-d";
    p.kind = core::PresentationKind::QrText;
    p.secret = "junk";
    auto r = service2.handle(p, topology);
    BOOST_TEST_REQUIRE(r.ok());
    BOOST_TEST(store->commit().ok());
    BOOST_TEST(r->event.time >= first);
}

// 课程签到: an e-ID code at a classroom's scanner signs its holder in to the session.
BOOST_FIXTURE_TEST_CASE(a_code_at_a_classroom_signs_the_student_in, QrAccessWorld) {
    core::Session s;
    s.id = "s-math-1";
    s.group = "class:1";
    s.points = {"r301"};
    s.start = clock.t + std::chrono::minutes(2);
    s.end = s.start + std::chrono::minutes(45);
    BOOST_TEST_REQUIRE(store->replace_timetable({s}).ok());
    auto in = scan("scan-a", code("p-1", kCti));
    BOOST_TEST(in[0]["decision"] == "allow");
    BOOST_TEST(in[0]["attendance"]["session"] == "s-math-1");
    BOOST_TEST(in[0]["attendance"]["status"] == "present");
    BOOST_TEST(in[1]["service"] == "博物馆参观");  // the point's 办理事项, as configured
    auto stranger = scan("scan-a", code("p-other", std::string("\x01\x02\x03\x04\x05\x06\x07\x0a", 8)));
    BOOST_TEST(stranger[0]["reason"] == "unknown_credential");
}

BOOST_FIXTURE_TEST_CASE(card_numbers_are_cards_only_where_the_point_says_so, QrAccessWorld) {
    auto side = scan("scan-c", "04a1b2c3d4e5f6");  // lower case, as some scanners send
    BOOST_TEST_REQUIRE(side.size() == 1u);              // not an e-ID code: no 亮证记录
    BOOST_TEST(side[0]["decision"] == "allow");
    BOOST_TEST(side[0]["credential"]["kind"] == "nfc_uid");
    BOOST_TEST(side[0]["person"]["id"] == "p-1");
    BOOST_TEST(scan("scan-c", "04A1B2C3D4E5F7")[0]["reason"] == "unknown_credential");
    BOOST_TEST(scan("scan-c", "LIBRARY-42")[0]["reason"] == "malformed");
    auto dorm_gate = scan("scan-d", "04A1B2C3D4E5F6");  // the default: plain codes are refused
    BOOST_TEST(dorm_gate[0]["reason"] == "malformed");
    BOOST_TEST(dorm_gate[0]["credential"]["kind"] == "eid_qr");
}

BOOST_AUTO_TEST_SUITE_END()
