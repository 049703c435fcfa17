#pragma once
// Shared helpers for the store tests: a temp dir holding campusgw.db, a real HmacHasher
// with a fixed key, and builders for roster pages.
#include <boost/test/unit_test.hpp>

#include <array>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "adapters/crypto/hmac_hasher.hpp"
#include "adapters/store/sqlite_store.hpp"
#include "gateway/core/civil_time.hpp"
#include "tests/support/temp_dir.hpp"

namespace gw::test {

using adp::store::SqliteStore;
using adp::store::StoreOptions;

inline std::array<uint8_t, 32> test_key() {
    std::array<uint8_t, 32> k{};
    for (size_t i = 0; i < k.size(); ++i) k[i] = static_cast<uint8_t>(0xa0 + i);
    return k;
}

struct StoreFixture {
    TempDir dir{"campusgw-store"};
    adp::crypto::HmacHasher hasher{test_key()};

    std::string db_path() const { return (dir / "campusgw.db").string(); }

    std::unique_ptr<SqliteStore> open(uint64_t max_events = 1'000'000) const {
        StoreOptions o;
        o.path = db_path();
        o.max_events = max_events;
        auto s = SqliteStore::open(o);
        BOOST_TEST_REQUIRE(s.ok(), (s.ok() ? "" : s.error().message()));
        return std::move(s.value());
    }

    /// The database as it is on disk: main file, WAL and shared-memory index.
    std::string file_bytes() const {
        std::string all;
        for (const char* suffix : {"", "-wal", "-shm"}) {
            std::ifstream in(db_path() + suffix, std::ios::binary);
            all.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        }
        return all;
    }
};

inline core::Person person(const std::string& id, std::vector<std::string> groups = {},
                           core::PersonStatus st = core::PersonStatus::Active) {
    core::Person p;
    p.id = id;
    p.role = core::Role::Student;
    p.status = st;
    p.groups = std::move(groups);
    p.valid_from = *core::parse_date("2024-09-01");
    p.valid_to = *core::parse_date("2027-07-31");
    p.display = "张*明";
    return p;
}

inline core::RosterCredential credential(
    const std::string& id, const std::string& person_id, core::CredentialKind kind,
    const std::string& uid = {}, core::CredentialStatus st = core::CredentialStatus::Active) {
    core::RosterCredential rc;
    rc.credential.id = id;
    rc.credential.person_id = person_id;
    rc.credential.kind = kind;
    rc.credential.status = st;
    rc.uid = uid;
    if (kind == core::CredentialKind::Face) rc.credential.photo_url = "/v1/photos/" + id + ".jpg";
    return rc;
}

inline core::RosterPage page(const std::string& cursor, bool full, bool more) {
    core::RosterPage p;
    p.site = "sh-zj-001";
    p.cursor = cursor;
    p.full = full;
    p.more = more;
    return p;
}

inline core::SysTime at_ms(int64_t ms) {
    return core::SysTime(std::chrono::duration_cast<core::SysTime::duration>(
        std::chrono::milliseconds(ms)));
}

}  // namespace gw::test
