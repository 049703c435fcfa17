// The store opened on a state directory that is already read-only (an SD card the kernel
// remounted read-only): it opens read-only, lookups work, batches keep their events in
// memory with store_error set, seq continues from the disk. The directory is a tmpfs in a
// private mount namespace remounted read-only; its name holds `%?#` so the immutable URI's
// escaping is exercised. Needs root (mount): skipped with a message otherwise.
#include <boost/test/unit_test.hpp>

#include <sqlite3.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "adapters/store/store_error.hpp"
#include "store_fixture.hpp"
#include "tests/support/mount_sandbox.hpp"

using namespace gw;
using namespace gw::test;
using core::CredentialKind;

namespace {

constexpr int64_t kNow = 1'760'000'000'000;

/// A tmpfs state directory that can be remounted read-only.
struct StateMount {
    std::filesystem::path dir;
    explicit StateMount(const std::filesystem::path& parent) : dir(parent / "state %?#") {
        std::filesystem::create_directories(dir);
        BOOST_TEST_REQUIRE(mount("tmpfs", dir.c_str(), "tmpfs", 0, "size=16m,mode=0700") == 0,
                           strerror(errno));
    }
    ~StateMount() { umount2(dir.c_str(), MNT_DETACH); }
    void read_only(bool ro) const {
        const unsigned long flags = MS_REMOUNT | (ro ? MS_RDONLY : 0);
        BOOST_TEST_REQUIRE(mount(nullptr, dir.c_str(), nullptr, flags, "size=16m") == 0,
                           strerror(errno));
    }
    std::string db() const { return (dir / "campusgw.db").string(); }
};

core::Result<std::unique_ptr<SqliteStore>> open_at(const std::string& path) {
    StoreOptions o;
    o.path = path;
    return SqliteStore::open(o);
}

core::OutboxEntry event(uint64_t seq) {
    return core::OutboxEntry{seq, "campus/v1/s/g/access/dorm/p", "{}", kNow + int64_t(seq)};
}

void batch(SqliteStore& s, int n) {
    BOOST_TEST_REQUIRE(s.begin().ok());
    for (int i = 0; i < n; ++i) BOOST_TEST_REQUIRE(s.append(event(s.next_seq())).ok());
    auto st = s.commit();
    BOOST_TEST_REQUIRE(st.ok(), (st.ok() ? "" : st.error().message()));
}

/// A roster with one card and seqs 1..3, of which 1 and 2 were acknowledged.
void fill(SqliteStore& s, const adp::crypto::HmacHasher& hasher) {
    auto p = page("cur-1", true, false);
    p.persons = {person("p-1", {"dorm:1"})};
    p.credentials = {credential("c-1", "p-1", CredentialKind::NfcUid, "04A1B2C3D4E5F6")};
    BOOST_TEST_REQUIRE(s.apply_roster_page(p, hasher, at_ms(kNow)).ok());
    batch(s, 3);
    BOOST_TEST_REQUIRE(s.remove({1, 2}).ok());
}

std::vector<uint64_t> pending_seqs(SqliteStore& s) {
    std::vector<uint64_t> out;
    for (const auto& e : s.pending(0, 100)) out.push_back(e.seq);
    return out;
}

#define SKIP_WITHOUT_SANDBOX()                                                     \
    if (const auto why = mount_sandbox_unavailable(false); !why.empty()) {                    \
        BOOST_TEST_MESSAGE("SKIPPED read-only store: " << why);                    \
        return;                                                                    \
    }

using Seqs = std::vector<uint64_t>;

}  // namespace

BOOST_FIXTURE_TEST_SUITE(read_only, StoreFixture)

BOOST_AUTO_TEST_CASE(after_a_clean_close_it_opens_immutable_serves_lookups_keeps_events_in_memory) {
    SKIP_WITHOUT_SANDBOX();
    StateMount m(dir.path());
    {
        auto s = open_at(m.db());
        BOOST_TEST_REQUIRE(s.ok());
        fill(*s.value(), hasher);
    }
    BOOST_TEST_REQUIRE(!std::filesystem::exists(m.db() + "-wal"));  // SQLite removed it
    m.read_only(true);
    auto r = open_at(m.db());
    BOOST_TEST_REQUIRE(r.ok(), (r.ok() ? "" : r.error().message()));
    SqliteStore& s = *r.value();
    BOOST_TEST(s.read_only());
    BOOST_TEST(s.stats().store_error.find(m.dir.string() + " (Read-only file system)") == 0u,
               s.stats().store_error);
    BOOST_TEST(s.next_seq() == 4u);
    BOOST_TEST(s.find_by_uid_key(hasher.uid_key("04A1B2C3D4E5F6")).has_value());
    BOOST_TEST(s.stats().depth == 1u);

    batch(s, 2);  // seqs 4, 5: in memory
    BOOST_TEST(pending_seqs(s) == (Seqs{3, 4, 5}), boost::test_tools::per_element());
    BOOST_TEST(s.stats().in_memory == 2u);
    BOOST_TEST(s.next_seq() == 6u);
    // Acknowledged: 3 stays on the read-only disk but leaves the depth; 4 leaves memory.
    BOOST_TEST(s.remove({3, 4}).ok());
    BOOST_TEST(s.remove({3}).ok());  // a duplicate PUBACK counts once
    BOOST_TEST(s.stats().depth == 1u);
    BOOST_TEST(pending_seqs(s) == (Seqs{5}), boost::test_tools::per_element());
    BOOST_TEST(!s.stats().store_error.empty());  // never "writable again" while read-only
}

BOOST_AUTO_TEST_CASE(after_a_crash_it_reads_the_wal_left_behind) {
    SKIP_WITHOUT_SANDBOX();
    StateMount m(dir.path());
    const pid_t child = fork();
    BOOST_TEST_REQUIRE(child >= 0);
    if (child == 0) {  // writes, then dies without closing: -wal and -shm stay
        auto s = open_at(m.db());
        if (!s.ok() || !s.value()->begin().ok()) _exit(1);
        for (uint64_t seq = 1; seq <= 3; ++seq)
            if (!s.value()->append(event(seq)).ok()) _exit(1);
        _exit(s.value()->commit().ok() ? 0 : 1);
    }
    int status = 0;
    BOOST_TEST_REQUIRE(waitpid(child, &status, 0) == child);
    BOOST_TEST_REQUIRE(WIFEXITED(status));
    BOOST_TEST_REQUIRE(WEXITSTATUS(status) == 0);
    BOOST_TEST_REQUIRE(std::filesystem::exists(m.db() + "-wal"));
    m.read_only(true);
    auto r = open_at(m.db());
    BOOST_TEST_REQUIRE(r.ok(), (r.ok() ? "" : r.error().message()));
    BOOST_TEST(r.value()->read_only());
    BOOST_TEST(r.value()->next_seq() == 4u);  // the commits in the -wal were read
    BOOST_TEST(pending_seqs(*r.value()) == (Seqs{1, 2, 3}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_older_schema_or_no_database_is_refused) {
    SKIP_WITHOUT_SANDBOX();
    StateMount m(dir.path());
    m.read_only(true);
    auto none = open_at(m.db());
    BOOST_TEST_REQUIRE(!none.ok());
    BOOST_TEST(none.error().code == adp::store::StoreErrc::CantOpen, none.error().message());

    m.read_only(false);
    BOOST_TEST_REQUIRE(open_at(m.db()).ok());  // created, closed cleanly
    sqlite3* raw = nullptr;
    BOOST_TEST_REQUIRE(sqlite3_open(m.db().c_str(), &raw) == SQLITE_OK);
    BOOST_TEST_REQUIRE(sqlite3_exec(raw, "PRAGMA user_version = 2", nullptr, nullptr, nullptr) ==
                       SQLITE_OK);
    sqlite3_close(raw);
    m.read_only(true);
    auto old = open_at(m.db());
    BOOST_TEST_REQUIRE(!old.ok());
    BOOST_TEST(old.error().code == adp::store::StoreErrc::ReadOnly, old.error().message());
    BOOST_TEST(old.error().message().find("schema version 2, this campusgw needs") !=
                   std::string::npos, old.error().message());
}

BOOST_AUTO_TEST_SUITE_END()
