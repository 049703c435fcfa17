#include <boost/test/unit_test.hpp>

#include "adapters/eid/roster_page_parser.hpp"
#include "gateway/core/civil_time.hpp"

using namespace gw;
using adp::eid::parse_roster_file;
using adp::eid::parse_roster_page;

namespace {

// The example page of eid-sync-v1 §2, verbatim.
constexpr const char* kSpecPage = R"({
  "site": "sh-zj-001",
  "cursor": "000000000001f3a2",
  "full": false,
  "more": false,
  "persons": [
    {"id": "p-20240117", "role": "student", "status": "active",
     "groups": ["dorm:3", "class:2024-cs-1", "meal:subsidy"],
     "valid_from": "2024-09-01", "valid_to": "2027-07-31",
     "display": "张*明"}
  ],
  "credentials": [
    {"id": "c-88121", "person": "p-20240117", "kind": "nfc_uid", "uid": "04A1B2C3D4E5F6", "status": "active"},
    {"id": "c-88122", "person": "p-20240117", "kind": "desfire", "uid": "04A1B2C3D4E5F7", "status": "active"},
    {"id": "a1b2c3d4e5f60718", "person": "p-20240117", "kind": "eid_qr", "status": "active"},
    {"id": "f-3311", "person": "p-20240117", "kind": "face", "status": "active",
     "photo_url": "/v1/photos/f-3311.jpg"}
  ],
  "deleted": {"persons": ["p-20190001"], "credentials": ["c-77001"]}
})";

/// A page whose only person is `person_json`.
std::string with_person(const std::string& person_json) {
    return R"({"cursor": "c1", "persons": [)" + person_json + "]}";
}

std::string with_credential(const std::string& cred_json) {
    return R"({"cursor": "c1", "credentials": [)" + cred_json + "]}";
}

const std::string kGoodPerson = R"({"id": "p-1", "role": "staff", "status": "active"})";
const std::string kGoodCred =
    R"({"id": "c-1", "person": "p-1", "kind": "nfc_uid", "uid": "04A1B2C3", "status": "lost"})";

}  // namespace

BOOST_AUTO_TEST_CASE(spec_example_page) {
    auto r = parse_roster_page(kSpecPage);
    BOOST_TEST_REQUIRE(r.ok(), (r.ok() ? "" : r.error().message()));
    const core::RosterPage& p = r.value();
    BOOST_TEST(p.site == "sh-zj-001");
    BOOST_TEST(p.cursor == "000000000001f3a2");
    BOOST_TEST(!p.full);
    BOOST_TEST(!p.more);
    BOOST_TEST(p.rejected == 0u);
    BOOST_TEST_REQUIRE(p.persons.size() == 1u);
    const core::Person& per = p.persons[0];
    BOOST_TEST(per.id == "p-20240117");
    BOOST_TEST((per.role == core::Role::Student));
    BOOST_TEST((per.status == core::PersonStatus::Active));
    const std::vector<std::string> groups{"dorm:3", "class:2024-cs-1", "meal:subsidy"};
    BOOST_TEST(per.groups == groups, boost::test_tools::per_element());
    BOOST_TEST(per.valid_from == *core::parse_date("2024-09-01"));
    BOOST_TEST(per.valid_to == *core::parse_date("2027-07-31"));
    BOOST_TEST(per.display == "张*明");
    BOOST_TEST_REQUIRE(p.credentials.size() == 4u);
    BOOST_TEST(p.credentials[0].credential.id == "c-88121");
    BOOST_TEST(p.credentials[0].credential.person_id == "p-20240117");
    BOOST_TEST((p.credentials[0].credential.kind == core::CredentialKind::NfcUid));
    BOOST_TEST(p.credentials[0].uid == "04A1B2C3D4E5F6");
    BOOST_TEST(p.credentials[0].credential.uid_key.empty());  // the store fills it
    BOOST_TEST((p.credentials[1].credential.kind == core::CredentialKind::Desfire));
    BOOST_TEST(p.credentials[1].uid == "04A1B2C3D4E5F7");
    BOOST_TEST((p.credentials[2].credential.kind == core::CredentialKind::EidQr));
    BOOST_TEST(p.credentials[2].uid.empty());
    BOOST_TEST((p.credentials[3].credential.kind == core::CredentialKind::Face));
    BOOST_TEST(p.credentials[3].credential.photo_url == "/v1/photos/f-3311.jpg");
    BOOST_TEST(p.deleted_persons == std::vector<std::string>{"p-20190001"});
    BOOST_TEST(p.deleted_credentials == std::vector<std::string>{"c-77001"});
}

BOOST_AUTO_TEST_CASE(defaults_and_normalisation) {
    auto r = parse_roster_page(
        R"({"cursor": "c9", "full": true, "more": true,
            "persons": [{"id": "p-1", "role": "visitor", "status": "left", "groups": null,
                         "valid_from": null, "extra": {"future": 1}}],
            "credentials": [{"id": "c-1", "person": "p-1", "kind": "desfire",
                             "uid": "04a1b2c3d4e5f6", "status": "revoked"}]})");
    BOOST_TEST_REQUIRE(r.ok());
    BOOST_TEST(r->site.empty());
    BOOST_TEST(r->full);
    BOOST_TEST(r->more);
    BOOST_TEST(r->rejected == 0u);
    BOOST_TEST(r->persons[0].groups.empty());
    BOOST_TEST(r->persons[0].valid_from == INT32_MIN);  // open-ended validity
    BOOST_TEST(r->persons[0].valid_to == INT32_MAX);
    BOOST_TEST((r->persons[0].status == core::PersonStatus::Left));
    BOOST_TEST(r->credentials[0].uid == "04A1B2C3D4E5F6");  // upper-cased
    BOOST_TEST((r->credentials[0].credential.status == core::CredentialStatus::Revoked));
}

BOOST_AUTO_TEST_CASE(each_malformed_person_is_skipped_and_counted) {
    const std::vector<std::string> bad = {
        R"("not an object")",
        R"({"role": "student", "status": "active"})",                         // no id
        R"({"id": "", "role": "student", "status": "active"})",               // empty id
        R"({"id": 17, "role": "student", "status": "active"})",               // id not a string
        R"({"id": ")" + std::string(65, 'p') + R"(", "role": "student", "status": "active"})",
        R"({"id": "p-1", "role": "teacher", "status": "active"})",            // unknown role
        R"({"id": "p-1", "status": "active"})",                               // no role
        R"({"id": "p-1", "role": "student", "status": "expelled"})",          // unknown status
        R"({"id": "p-1", "role": "student", "status": "active", "groups": "dorm:3"})",
        R"({"id": "p-1", "role": "student", "status": "active", "groups": [3]})",
        R"({"id": "p-1", "role": "student", "status": "active", "groups": [""]})",
        R"({"id": "p-1", "role": "student", "status": "active", "groups": ["a\u001fb"]})",
        R"({"id": "p-1", "role": "student", "status": "active", "valid_from": "2024-9-1"})",
        R"({"id": "p-1", "role": "student", "status": "active", "valid_to": "2023-02-29"})",
        R"({"id": "p-1", "role": "student", "status": "active", "valid_to": 20240901})",
        R"({"id": "p-1", "role": "student", "status": "active",
            "valid_from": "2027-01-01", "valid_to": "2026-12-31"})",
        R"({"id": "p-1", "role": "student", "status": "active", "display": 5})",
    };
    for (const auto& b : bad) {
        auto r =
            parse_roster_page(R"({"cursor": "c1", "persons": [)" + kGoodPerson + "," + b + "]}");
        BOOST_TEST_REQUIRE(r.ok(), b);
        BOOST_TEST(r->rejected == 1u, b);
        BOOST_TEST_REQUIRE(r->persons.size() == 1u, b);  // the good one is kept
        BOOST_TEST(r->persons[0].id == "p-1");
    }
    // Exactly 64 bytes is still fine.
    auto r = parse_roster_page(with_person(R"({"id": ")" + std::string(64, 'p') +
                                           R"(", "role": "student", "status": "active"})"));
    BOOST_TEST_REQUIRE(r.ok());
    BOOST_TEST(r->rejected == 0u);
    BOOST_TEST(r->persons.size() == 1u);
}

BOOST_AUTO_TEST_CASE(each_malformed_credential_is_skipped_and_counted) {
    const std::vector<std::string> bad = {
        R"([])",
        R"({"person": "p-1", "kind": "nfc_uid", "uid": "04A1B2C3", "status": "active"})",
        R"({"id": ")" + std::string(65, 'c') +
            R"(", "person": "p-1", "kind": "eid_qr", "status": "active"})",
        R"({"id": "c-2", "kind": "eid_qr", "status": "active"})",                 // no person
        R"({"id": "c-2", "person": "", "kind": "eid_qr", "status": "active"})",
        R"({"id": "c-2", "person": "p-1", "kind": "barcode", "status": "active"})",
        R"({"id": "c-2", "person": "p-1", "kind": "eid_qr", "status": "stolen"})",
        R"({"id": "c-2", "person": "p-1", "kind": "eid_qr"})",                    // no status
        R"({"id": "c-2", "person": "p-1", "kind": "nfc_uid", "status": "active"})",  // no uid
        R"({"id": "c-2", "person": "p-1", "kind": "desfire", "status": "active"})",
        R"({"id": "c-2", "person": "p-1", "kind": "nfc_uid", "status": "active",
            "uid": "04:A1:B2:C3"})",                                                  // separators
        R"({"id": "c-2", "person": "p-1", "kind": "nfc_uid", "status": "active",
            "uid": "04A1B2C"})",                                                      // odd length
        R"({"id": "c-2", "person": "p-1", "kind": "nfc_uid", "uid": "04A1B2", "status": "active"})",
        R"({"id": "c-2", "person": "p-1", "kind": "nfc_uid", "status": "active",
            "uid": "04G1B2C3"})",                                                     // not hex
        R"({"id": "c-2", "person": "p-1", "kind": "nfc_uid", "uid": 4, "status": "active"})",
        R"({"id": "c-2", "person": "p-1", "kind": "face", "status": "active", "photo_url": 1})",
    };
    for (const auto& b : bad) {
        auto r = parse_roster_page(R"({"cursor": "c1", "credentials": [)" + kGoodCred + "," + b +
                                   "]}");
        BOOST_TEST_REQUIRE(r.ok(), b);
        BOOST_TEST(r->rejected == 1u, b);
        BOOST_TEST_REQUIRE(r->credentials.size() == 1u, b);
        BOOST_TEST(r->credentials[0].credential.id == "c-1");
        BOOST_TEST((r->credentials[0].credential.status == core::CredentialStatus::Lost));
    }
}

BOOST_AUTO_TEST_CASE(bad_deleted_entries_are_counted) {
    auto r = parse_roster_page(
        R"({"cursor": "c1",
            "deleted": {"persons": ["p-1", 5, ""], "credentials": ["c-1", null]}})");
    BOOST_TEST_REQUIRE(r.ok());
    BOOST_TEST(r->rejected == 3u);
    BOOST_TEST(r->deleted_persons == std::vector<std::string>{"p-1"});
    BOOST_TEST(r->deleted_credentials == std::vector<std::string>{"c-1"});
}

BOOST_AUTO_TEST_CASE(malformed_pages_are_errors) {
    const std::vector<std::string> bad = {
        "",
        "not json",
        R"({"cursor": "c1", "persons": [)",                    // truncated
        R"(["cursor"])",                                       // not an object
        R"("cursor")",
        R"({"persons": []})",                                  // missing cursor
        R"({"cursor": null})",
        R"({"cursor": ""})",
        R"({"cursor": 12})",
        R"({"cursor": ")" + std::string(300, 'x') + R"("})",
        R"({"cursor": "c1", "full": "true"})",
        R"({"cursor": "c1", "more": 1})",
        R"({"cursor": "c1", "site": 7})",
        R"({"cursor": "c1", "persons": {}})",
        R"({"cursor": "c1", "credentials": "none"})",
        R"({"cursor": "c1", "deleted": []})",
        R"({"cursor": "c1", "deleted": {"persons": "p-1"}})",
        R"({"cursor": "c1", "deleted": {"credentials": {}}})",
    };
    for (const auto& b : bad) {
        auto r = parse_roster_page(b);
        BOOST_TEST(!r.ok(), b);
        if (!r.ok()) {
            BOOST_TEST((r.error().code == std::errc::bad_message), b);
            BOOST_TEST(r.error().message().find("roster page") != std::string::npos);
        }
    }
}

BOOST_AUTO_TEST_CASE(roster_file_holds_one_page_or_an_array_of_pages) {
    auto one = parse_roster_file(kSpecPage);
    BOOST_TEST_REQUIRE(one.ok());
    BOOST_TEST(one->size() == 1u);

    auto many = parse_roster_file(
        "[" + with_person(kGoodPerson) + "," + with_credential(kGoodCred) + "," +
        R"({"cursor": "c3", "full": true, "more": false})" + "]");
    BOOST_TEST_REQUIRE(many.ok());
    BOOST_TEST_REQUIRE(many->size() == 3u);
    BOOST_TEST(many.value()[0].persons.size() == 1u);
    BOOST_TEST(many.value()[1].credentials.size() == 1u);
    BOOST_TEST(many.value()[2].full);

    auto bad = parse_roster_file("[" + with_person(kGoodPerson) + R"(, {"persons": []}])");
    BOOST_TEST_REQUIRE(!bad.ok());
    BOOST_TEST(bad.error().message().find("page 2") != std::string::npos, bad.error().message());
    BOOST_TEST(!parse_roster_file("[]").ok());
    BOOST_TEST(!parse_roster_file("{").ok());
}
