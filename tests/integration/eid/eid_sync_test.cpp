// The e-ID sync client (HttpFetcher, EidSync, SyncRunner) against the real simulator over
// HTTPS on 127.0.0.1, writing through its own connection to a SQLite file while a second
// connection (the core loop's, in the daemon) reads what decisions would see.
#define BOOST_TEST_MODULE eid_sync
#include <boost/test/unit_test.hpp>

#include <thread>

#include "adapters/crypto/gateway_secret.hpp"
#include "adapters/crypto/hmac_hasher.hpp"
#include "adapters/eid/eid_error.hpp"
#include "adapters/eid/eid_sync.hpp"
#include "adapters/eid/http_fetcher.hpp"
#include "adapters/eid/sync_runner.hpp"
#include "adapters/store/sqlite_store.hpp"
#include "eid_sim_process.hpp"
#include "gateway/app/store_sync_adapter.hpp"
#include "gateway/core/fixed_offset_time_zone.hpp"
#include "tests/support/time_scale.hpp"

using namespace gw;
using namespace gw::test;
using namespace std::chrono_literals;
using adp::eid::EidErrc;

namespace {

struct WallClock final : core::Clock {
    core::SysTime now() const override { return std::chrono::system_clock::now(); }
    bool synced() const override { return true; }
};

/// A gateway's side: a sync connection (through StoreSyncAdapter) and a reader connection.
struct SyncFixture {
    TestCerts certs;
    TempDir dir{"campusgw-eidsync"};
    WallClock clock;
    core::FixedOffsetTimeZone tz{8 * 3600};
    std::unique_ptr<EidSimProcess> sim;
    std::unique_ptr<adp::store::SqliteStore> reader;
    std::unique_ptr<adp::crypto::HmacHasher> hasher;
    std::unique_ptr<app::StoreSyncAdapter> store;
    std::unique_ptr<adp::eid::HttpFetcher> http;
    std::unique_ptr<adp::eid::EidSync> sync;

    std::unique_ptr<adp::store::SqliteStore> open_store() {
        adp::store::StoreOptions o;
        o.path = (dir / "campusgw.db").string();
        auto s = adp::store::SqliteStore::open(o);
        BOOST_REQUIRE_MESSAGE(s.ok(), (s.ok() ? std::string() : s.error().message()));
        return std::move(s.value());
    }
    std::unique_ptr<adp::crypto::HmacHasher> make_hasher() {
        auto key = adp::crypto::GatewaySecret::load_or_create(dir.path().string());
        BOOST_REQUIRE(key.ok());
        return std::make_unique<adp::crypto::HmacHasher>(key.value());
    }

    void start(EidSimOptions so = {}, adp::eid::HttpOptions ho = {}, size_t page_limit = 5000) {
        sim = std::make_unique<EidSimProcess>(certs, so);
        hasher = make_hasher();
        store = std::make_unique<app::StoreSyncAdapter>(open_store(), make_hasher());
        reader = open_store();
        if (ho.base_url.empty()) ho.base_url = sim->https_url();
        if (ho.ca_file.empty()) ho.ca_file = certs.ca_cert().string();
        auto h = adp::eid::HttpFetcher::create(ho);
        BOOST_REQUIRE_MESSAGE(h.ok(), (h.ok() ? std::string() : h.error().message()));
        http = std::move(h.value());
        auto root = adp::eid::TrustRoot::load(sim->root_pub().string());
        BOOST_REQUIRE(root.ok());
        adp::eid::EidSyncOptions o;
        o.site = so.site;
        o.page_limit = page_limit;
        sync = std::make_unique<adp::eid::EidSync>(*http, *store, clock, tz, root.value(), o);
    }

    uint64_t persons() { return reader->roster_counts().value().persons; }
    uint64_t credentials() { return reader->roster_counts().value().credentials; }
    std::optional<core::Credential> card(int i) {
        return reader->find_by_uid_key(hasher->uid_key(test_uid(i)));
    }
};

EidSimOptions sim_opts(int persons, int page_limit = 5000) {
    EidSimOptions o;
    o.persons = persons;
    o.page_limit = page_limit;
    return o;
}

adp::eid::EidSyncOptions site_opts() {
    adp::eid::EidSyncOptions o;
    o.site = "t-site";
    return o;
}

void require_ok(const core::Status& st) {
    BOOST_REQUIRE_MESSAGE(st.ok(), (st.ok() ? std::string() : st.error().message()));
}

/// Waits (5 s at most) until the runner's status satisfies `pred`; returns whether it does.
/// The e-ID simulator counts a request before the runner has recorded its outcome.
template <class Pred>
bool wait_status(const adp::eid::SyncRunner& runner, Pred pred) {
    const auto end = std::chrono::steady_clock::now() + 5s;
    while (!pred(runner.status()) && std::chrono::steady_clock::now() < end)
        std::this_thread::sleep_for(10ms);
    return pred(runner.status());
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(first_sync_is_a_snapshot_then_deltas, SyncFixture) {
    start(sim_opts(30));
    require_ok(sync->roster());
    BOOST_TEST(persons() == 30u);
    BOOST_TEST(credentials() == 30u);
    const std::string first_cursor = reader->roster_cursor();
    BOOST_TEST(!first_cursor.empty());
    BOOST_TEST(reader->roster_updated_at().has_value());
    BOOST_REQUIRE(card(7).has_value());
    BOOST_TEST((card(7)->status == core::CredentialStatus::Active));

    // 挂失 of card 7, person 3 deleted, one person added: one delta page.
    sim->admin("/admin/credential-status?id=c-7&status=lost");
    sim->admin("/admin/upsert?notify=0",
               R"({"persons":[{"id":"p-new","role":"staff","status":"active"}],
                   "deleted":{"persons":["p-3"],"credentials":["c-3"]}})");
    const auto before = sim->requests("roster");
    require_ok(sync->roster());
    BOOST_TEST(sim->requests("roster") == before + 1);
    BOOST_TEST((card(7)->status == core::CredentialStatus::Lost));
    BOOST_TEST(!reader->find_person("p-3").has_value());
    BOOST_TEST(!card(3).has_value());
    BOOST_TEST(reader->find_person("p-new").has_value());
    BOOST_TEST(persons() == 30u);
    BOOST_TEST(reader->roster_cursor() != first_cursor);

    // Nothing changed: one request, same cursor, still a success (the age is renewed).
    const auto cursor = reader->roster_cursor();
    require_ok(sync->roster());
    BOOST_TEST(reader->roster_cursor() == cursor);
}

BOOST_FIXTURE_TEST_CASE(paging_across_many_pages, SyncFixture) {
    start(sim_opts(500, 7), {}, 7);
    require_ok(sync->roster());
    BOOST_TEST(persons() == 500u);
    BOOST_TEST(credentials() == 500u);
    BOOST_TEST(sim->requests("roster") >= 1000u / 7);
    BOOST_REQUIRE(card(500).has_value());
    BOOST_TEST(card(500)->person_id == "p-500");

    // A delta larger than a page arrives in several pages, all applied.
    std::string set = R"({"credentials":[)";
    for (int i = 1; i <= 20; ++i)
        set += std::string(i > 1 ? "," : "") + R"({"id":"c-)" + std::to_string(i) +
               R"(","person":"p-)" + std::to_string(i) + R"(","kind":"nfc_uid","uid":")" +
               test_uid(i) + R"(","status":"suspended"})";
    sim->admin("/admin/upsert?notify=0", set + "]}");
    const auto before = sim->requests("roster");
    require_ok(sync->roster());
    BOOST_TEST(sim->requests("roster") == before + 3);  // 7 + 7 + 6
    for (int i : {1, 10, 20}) BOOST_TEST((card(i)->status == core::CredentialStatus::Suspended));
    BOOST_TEST((card(21)->status == core::CredentialStatus::Active));
}

BOOST_FIXTURE_TEST_CASE(interrupted_snapshot_leaves_the_old_roster_in_force, SyncFixture) {
    start(sim_opts(100, 10), {}, 10);
    require_ok(sync->roster());
    const auto cursor = reader->roster_cursor();
    // The server drops p-1..p-5 and then answers the next sync with a snapshot (compact),
    // whose fourth page is cut half-way.
    sim->admin("/admin/upsert?notify=0",
               R"({"deleted":{"persons":["p-1","p-2","p-3","p-4","p-5"]}})");
    sim->admin("/admin/compact");
    sim->admin("/admin/fault", R"({"mode":"truncate","path":"roster","skip":3,"count":1})");
    auto st = sync->roster();
    BOOST_REQUIRE(!st.ok());
    BOOST_TEST((st.error().code == EidErrc::Truncated));
    // Decisions still see the previous roster, whole.
    BOOST_TEST(persons() == 100u);
    BOOST_TEST(reader->find_person("p-1").has_value());
    BOOST_TEST(reader->roster_cursor() == cursor);

    require_ok(sync->roster());  // a new snapshot, complete this time
    BOOST_TEST(persons() == 95u);
    BOOST_TEST(!reader->find_person("p-1").has_value());
    BOOST_TEST(credentials() == 100u);
}

BOOST_FIXTURE_TEST_CASE(trust_list_bad_signature_and_lower_version_are_rejected, SyncFixture) {
    start();
    require_ok(sync->trust_list());
    BOOST_TEST((sync->trust_list_version() == 1));
    sim->admin("/admin/trustlist?version=3");
    sim->admin("/admin/fault", R"({"mode":"bad_signature","path":"trustlist"})");
    auto st = sync->trust_list();
    BOOST_REQUIRE(!st.ok());
    BOOST_TEST((st.error().code == EidErrc::BadSignature));
    BOOST_TEST((sync->trust_list_version() == 1));
    BOOST_TEST(reader->stored_trust_list()->version == 1);

    require_ok(sync->trust_list());  // the fault was for one request
    BOOST_TEST((sync->trust_list_version() == 3));
    sim->admin("/admin/fault", R"({"mode":"old_version","path":"trustlist","version":2})");
    st = sync->trust_list();
    BOOST_REQUIRE(!st.ok());
    BOOST_TEST((st.error().code == EidErrc::OldVersion));
    const auto held = reader->stored_trust_list();
    BOOST_REQUIRE(held.has_value());
    BOOST_TEST(held->version == 3);
    BOOST_TEST(held->body.find("\"version\":3") != std::string::npos);

    // Stored for an offline restart: a new EidSync verifies it again and holds version 3.
    auto root = adp::eid::TrustRoot::load(sim->root_pub().string());
    adp::eid::EidSync again(*http, *store, clock, tz, root.value(), site_opts());
    again.load_stored_trust_list();
    BOOST_TEST((again.trust_list_version() == 3));
}

BOOST_FIXTURE_TEST_CASE(unauthorized_and_http_errors_keep_the_data, SyncFixture) {
    adp::eid::HttpOptions ho;
    ho.token = "wrong-token";
    auto so = sim_opts(5);
    so.token = "right-token";
    start(so, ho);
    auto st = sync->roster();
    BOOST_REQUIRE(!st.ok());
    BOOST_TEST((st.error().code == EidErrc::Unauthorized));
    BOOST_TEST(st.error().message().find("401") != std::string::npos);
    BOOST_TEST(st.error().message().find("wrong-token") == std::string::npos);

    ho.base_url = sim->https_url();
    ho.ca_file = certs.ca_cert().string();
    ho.token = "right-token";
    auto good = adp::eid::HttpFetcher::create(ho);
    adp::eid::EidSync ok_sync(*good.value(), *store, clock, tz, std::nullopt, site_opts());
    require_ok(ok_sync.roster());
    BOOST_TEST(persons() == 5u);

    sim->admin("/admin/fault", R"({"mode":"status","status":500,"path":"roster"})");
    st = ok_sync.roster();
    BOOST_REQUIRE(!st.ok());
    BOOST_TEST((st.error().code == EidErrc::HttpStatus));
    BOOST_TEST(st.error().message().find("500") != std::string::npos);
    BOOST_TEST(persons() == 5u);
}

BOOST_FIXTURE_TEST_CASE(tls_needs_the_right_ca_and_slow_answers_time_out, SyncFixture) {
    start(sim_opts(3));
    adp::eid::HttpOptions ho;
    ho.base_url = sim->https_url();
    ho.ca_file = certs.other_ca_cert().string();
    auto wrong = adp::eid::HttpFetcher::create(ho);
    BOOST_REQUIRE(wrong.ok());
    auto r = wrong.value()->get("/v1/trustlist");
    BOOST_REQUIRE(!r.ok());
    BOOST_TEST((r.error().code == EidErrc::Tls));

    ho.ca_file = certs.ca_cert().string();
    ho.timeout = 300ms;
    auto fast = adp::eid::HttpFetcher::create(ho);
    sim->admin("/admin/fault", R"({"mode":"slow","delay_ms":1500,"path":"roster"})");
    const auto t0 = std::chrono::steady_clock::now();
    r = fast.value()->get("/v1/sites/t-site/roster?since=");
    BOOST_REQUIRE(!r.ok());
    BOOST_TEST((r.error().code == EidErrc::Timeout));
    BOOST_TEST((std::chrono::steady_clock::now() - t0 < 1200ms));

    // Plain http only to loopback.
    ho.base_url = "http://10.1.2.3:80";
    auto plain = adp::eid::HttpFetcher::create(ho);
    BOOST_REQUIRE(!plain.ok());
    BOOST_TEST((plain.error().code == EidErrc::BadUrl));
}

BOOST_FIXTURE_TEST_CASE(runner_backs_off_on_500s_and_recovers, SyncFixture) {
    start(sim_opts(4));
    sim->admin("/admin/fault", R"({"mode":"status","status":500,"path":"roster","count":3})");
    adp::eid::SyncRunnerOptions ro;
    ro.backoff_min = 200ms;
    ro.backoff_max = 400ms;
    ro.poll_interval = 1h;
    adp::eid::SyncRunner runner(*sync, *http, clock, "", ro);
    runner.start();
    BOOST_TEST_REQUIRE(
        wait_status(runner, [](const core::SyncStatus& s) { return s.failures >= 1; }));
    auto s = runner.status();
    BOOST_TEST(s.last_error.find("500") != std::string::npos);
    BOOST_TEST(sim->requests("roster") <= 2u);  // not hammering: backoff between attempts
    const auto end = std::chrono::steady_clock::now() + 5s;
    while (runner.status().syncs == 0 && std::chrono::steady_clock::now() < end)
        std::this_thread::sleep_for(20ms);
    s = runner.status();
    BOOST_TEST(s.syncs == 1u);
    BOOST_TEST(s.failures == 0u);
    BOOST_TEST(s.last_error.empty());
    BOOST_TEST(sim->requests("roster") == 4u);  // three 500s, then the snapshot
    BOOST_TEST(persons() == 4u);
    BOOST_TEST((s.trust_list_version == 1));
    runner.stop();
}

BOOST_FIXTURE_TEST_CASE(a_notification_or_sync_request_ends_a_failure_backoff, SyncFixture) {
    // eid-sync-v1 §6: a notification naming new data is synced at once, even while failed
    // syncs back off (after a long outage the delay has grown to minutes).
    start(sim_opts(4));
    sim->admin("/admin/fault", R"({"mode":"status","status":500,"path":"roster","count":2})");
    adp::eid::SyncRunnerOptions ro;
    ro.backoff_min = 20s;
    ro.backoff_max = 20s;  // the next retry is 10..20 s away
    ro.poll_interval = 1h;
    adp::eid::SyncRunner runner(*sync, *http, clock, "", ro);
    runner.start();
    const auto wait_attempts = [&](uint64_t n) {
        const auto end = std::chrono::steady_clock::now() + 3s;
        while (sim->requests("roster") < n && std::chrono::steady_clock::now() < end)
            std::this_thread::sleep_for(20ms);
        return sim->requests("roster");
    };
    BOOST_TEST_REQUIRE(wait_attempts(1) == 1u);
    // The notification must come after the failure: one that arrives while the request is in
    // flight is followed by that request's backoff.
    BOOST_TEST_REQUIRE(
        wait_status(runner, [](const core::SyncStatus& s) { return s.failures == 1; }));

    runner.notify(R"({"cursor":"ffffffffffffffff"})");  // still failing: the backoff goes on
    BOOST_TEST(wait_attempts(2) == 2u);
    BOOST_TEST(wait_status(runner, [](const core::SyncStatus& s) { return s.failures == 2; }));
    std::this_thread::sleep_for(300ms);
    BOOST_TEST(sim->requests("roster") == 2u);  // and no retry before the 10..20 s backoff
    BOOST_TEST(runner.status().failures == 2u);

    runner.request_now();  // the `sync` request: at once, and it succeeds
    const auto end = std::chrono::steady_clock::now() + 3s;
    while (runner.status().syncs == 0 && std::chrono::steady_clock::now() < end)
        std::this_thread::sleep_for(20ms);
    BOOST_TEST(runner.status().syncs == 1u);
    BOOST_TEST(runner.status().failures == 0u);
    BOOST_TEST(persons() == 4u);
    runner.stop();
}

BOOST_FIXTURE_TEST_CASE(malformed_records_and_long_ids_are_counted_not_fatal, SyncFixture) {
    const std::string long_id(65, 'x');
    EidSimOptions so;
    so.extra_roster_json =
               R"({"persons":[{"id":"p-ok","role":"student","status":"active"},
                              {"id":")" + long_id + R"(","role":"student","status":"active"},
                              {"id":"p-bad","role":"wizard","status":"active"}],
                   "credentials":[{"id":"c-ok","person":"p-ok","kind":"nfc_uid","uid":"04AABBCCDDEE01","status":"active"},
                                  {"id":"c-bad","person":"p-ok","kind":"nfc_uid","uid":"zz","status":"active"}]})";
    start(so);
    require_ok(sync->roster());
    BOOST_TEST(persons() == 1u);
    BOOST_TEST(credentials() == 1u);
    BOOST_TEST(sync->rejected() == 3u);
}

namespace {

/// One roster sync with a fetcher of its own, authenticated by `cert`/`key` ("" for none).
core::Status roster_with_cert(SyncFixture& f, const std::string& cert, const std::string& key) {
    adp::eid::HttpOptions o;
    o.base_url = f.sim->https_url();
    o.ca_file = f.certs.ca_cert().string();
    o.cert_file = cert;
    o.key_file = key;
    auto h = adp::eid::HttpFetcher::create(o);
    BOOST_REQUIRE_MESSAGE(h.ok(), (h.ok() ? std::string() : h.error().message()));
    adp::eid::EidSync s(*h.value(), *f.store, f.clock, f.tz, std::nullopt, site_opts());
    return s.roster();
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(client_certificate_required_a_missing_or_wrong_one_keeps_the_data,
                        SyncFixture) {
    auto so = sim_opts(6);
    so.require_client_cert = true;
    adp::eid::HttpOptions ho;
    ho.cert_file = certs.client_cert().string();
    ho.key_file = certs.client_key().string();
    start(so, ho);
    require_ok(sync->roster());
    BOOST_TEST(persons() == 6u);
    const auto cursor = reader->roster_cursor();
    sim->admin("/admin/upsert?notify=0", R"({"deleted":{"persons":["p-1"]}})");

    // No client certificate, then one the simulator's CA did not sign.
    const std::vector<std::pair<std::string, std::string>> wrong = {
        {"", ""}, {certs.other_ca_cert().string(), (certs.dir() / "other-ca.key").string()}};
    for (const auto& [cert, key] : wrong) {
        const auto st = roster_with_cert(*this, cert, key);
        BOOST_REQUIRE_MESSAGE(!st.ok(), "accepted with cert \"" + cert + "\"");
        BOOST_TEST_MESSAGE("refused: " << st.error().message());
        // TLS 1.3: the server refuses by closing after the handshake; the error names the
        // likely cause.
        BOOST_TEST((st.error().code == EidErrc::Tls));
        BOOST_TEST(st.error().message().find("client certificate") != std::string::npos);
        BOOST_TEST(st.error().message().find("cert_file") != std::string::npos);
        BOOST_TEST(persons() == 6u);  // the gateway keeps what it had
        BOOST_TEST(reader->find_person("p-1").has_value());
        BOOST_TEST(reader->roster_cursor() == cursor);
    }
    require_ok(sync->roster());  // the right certificate: the change arrives
    BOOST_TEST(persons() == 5u);
    BOOST_TEST(!reader->find_person("p-1").has_value());
}

BOOST_FIXTURE_TEST_CASE(a_revoked_cid_is_revoked_in_the_store_after_sync, SyncFixture) {
    const std::string cid = "a1b2c3d4e5f60718";
    start(sim_opts(3));
    require_ok(sync->revocations());  // the first answer: an (empty) snapshot
    BOOST_TEST(!reader->is_revoked(cid));
    BOOST_TEST(reader->revoked_count() == 0u);
    const auto first = reader->revocations_cursor();
    BOOST_TEST(!first.empty());

    sim->admin("/admin/revoke?cid=" + cid);
    require_ok(sync->revocations());
    BOOST_TEST(reader->is_revoked(cid));
    BOOST_TEST(!reader->is_revoked("a1b2c3d4e5f60719"));
    BOOST_TEST(reader->revoked_count() == 1u);
    BOOST_TEST(reader->revocations_cursor() != first);

    sim->admin("/admin/revoke?cid=" + cid + "&restore=1");
    require_ok(sync->revocations());
    BOOST_TEST(!reader->is_revoked(cid));
    BOOST_TEST(reader->revoked_count() == 0u);
}

BOOST_FIXTURE_TEST_CASE(runner_follows_revocation_notifications_and_reports_the_count,
                        SyncFixture) {
    start(sim_opts(3));
    adp::eid::SyncRunnerOptions ro;
    ro.poll_interval = 1h;
    ro.revocations = true;
    adp::eid::SyncRunner runner(*sync, *http, clock, "", ro);
    runner.start();
    auto wait_for = [&](auto pred) {
        const auto end = std::chrono::steady_clock::now() + 5s;
        while (!pred(runner.status()) && std::chrono::steady_clock::now() < end)
            std::this_thread::sleep_for(10ms);
        return pred(runner.status());
    };
    BOOST_REQUIRE(wait_for([](const core::SyncStatus& s) { return s.syncs == 1; }));
    BOOST_TEST((runner.status().revoked == uint64_t{0}));

    const auto body = sim->admin("/admin/revoke?cid=deadbeef00000001");
    const auto cursor = nlohmann::json::parse(body)["cursor"].get<std::string>();
    const auto t0 = std::chrono::steady_clock::now();
    runner.notify(R"({"revocations":")" + cursor + R"("})");
    BOOST_REQUIRE(wait_for([&](const core::SyncStatus& s) { return s.revocations_cursor == cursor; }));
    BOOST_TEST((std::chrono::steady_clock::now() - t0 < scaled(2s)));
    BOOST_TEST((runner.status().revoked == uint64_t{1}));
    BOOST_TEST(reader->is_revoked("deadbeef00000001"));
    runner.stop();
}

BOOST_FIXTURE_TEST_CASE(a_revocation_snapshot_over_pages_replaces_the_list_only_when_complete,
                        SyncFixture) {
    start(sim_opts(3, 2));  // two cids per page
    for (const char* c : {"aa01", "aa02", "aa03"}) sim->admin(std::string("/admin/revoke?cid=") + c);
    require_ok(sync->revocations());  // a snapshot of two pages
    BOOST_TEST(sim->requests("revocations") == 2u);
    BOOST_TEST(reader->revoked_count() == 3u);
    const auto cursor = reader->revocations_cursor();

    // The list becomes {aa02, aa03, bb01, bb02, bb03}, served as a new snapshot of three
    // pages (compact) whose second page fails.
    sim->admin("/admin/revoke?cid=aa01&restore=1");
    for (const char* c : {"bb01", "bb02", "bb03"}) sim->admin(std::string("/admin/revoke?cid=") + c);
    sim->admin("/admin/compact");
    sim->admin("/admin/fault", R"({"mode":"status","status":500,"path":"revocations","skip":1,"count":1})");
    auto st = sync->revocations();
    BOOST_REQUIRE(!st.ok());
    BOOST_TEST((st.error().code == EidErrc::HttpStatus));
    // The old list is in force, whole: nothing of the first page was applied either.
    BOOST_TEST(reader->revoked_count() == 3u);
    for (const char* c : {"aa01", "aa02", "aa03"}) BOOST_TEST(reader->is_revoked(c), c);
    BOOST_TEST(!reader->is_revoked("bb01"));
    BOOST_TEST(reader->revocations_cursor() == cursor);

    // A truncated last page: the same.
    sim->admin("/admin/fault", R"({"mode":"truncate","path":"revocations","skip":2,"count":1})");
    st = sync->revocations();
    BOOST_REQUIRE(!st.ok());
    BOOST_TEST((st.error().code == EidErrc::Truncated));
    BOOST_TEST(reader->revoked_count() == 3u);
    BOOST_TEST(reader->is_revoked("aa01"));
    BOOST_TEST(reader->revocations_cursor() == cursor);

    const auto before = sim->requests("revocations");
    require_ok(sync->revocations());  // complete this time: swapped in at once
    BOOST_TEST(sim->requests("revocations") == before + 3);
    BOOST_TEST(reader->revoked_count() == 5u);
    BOOST_TEST(!reader->is_revoked("aa01"));
    for (const char* c : {"aa02", "aa03", "bb01", "bb02", "bb03"}) BOOST_TEST(reader->is_revoked(c), c);
    BOOST_TEST(reader->revocations_cursor() != cursor);
}
