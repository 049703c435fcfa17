#pragma once
// SimDataset: the e-ID simulator's data and its change log, served by the eid-sync-v1
// cursor protocol (§2 roster pages with `full`/`more`, §3 timetable, §5 revocations).
//
// Every change (upsert or delete of a person or credential) gets the next sequence number;
// a delta cursor is that number in 16 hex digits. A snapshot is paged in id order, persons
// then credentials, with continuation cursors "s<seq>:<p|c>:<hex of the last id>"; its last
// page answers the delta cursor of the snapshot's start, so changes made while it was paged
// come as the next delta. `compact()` makes every older cursor (roster and revocations)
// answer with a snapshot.
// Records are kept as compact JSON text. Thread-safe (one mutex).
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace gw::tools::eidsim {

struct RosterAnswer {
    std::string body;
    bool full = false;
    bool more = false;
};

class SimDataset {
public:
    explicit SimDataset(std::string site);

    /// Loads a roster file (one eid-sync-v1 page or an array of pages). Throws on bad JSON.
    void load_roster(const std::string& json_text);
    /// Sessions served by the timetable endpoint (a §3 body). Throws on bad JSON.
    void load_timetable(const std::string& json_text);

    RosterAnswer roster(const std::string& since, size_t limit) const;
    std::string timetable(const std::string& from, const std::string& to) const;
    /// §5: a delta since a cursor of this run, else a snapshot paged by `limit` cids in cid
    /// order (continuation cursors "s<log size>:<last cid>").
    std::string revocations(const std::string& since, size_t limit) const;

    /// Applies a change set {"persons":[…],"credentials":[…],"deleted":{…}}; returns the
    /// new cursor. Throws std::invalid_argument on a malformed set.
    std::string apply(const std::string& json_text);
    /// Sets a credential's status, found by id or by card UID; the new cursor, or nullopt
    /// when there is no such credential.
    std::optional<std::string> set_credential_status(const std::string& id, const std::string& uid,
                                                     const std::string& status);
    /// Revokes (or restores) an e-ID cid; returns the new revocations cursor.
    std::string revoke_cid(const std::string& cid, bool revoked);
    void compact();

    std::string cursor() const;
    std::string revocations_cursor() const;
    size_t persons() const;
    size_t credentials() const;
    const std::string& site() const { return site_; }

private:
    struct Record {
        std::string json;  // "" once deleted (a tombstone, for deltas)
        uint64_t version = 0;
    };
    using Table = std::map<std::string, Record>;

    void put(bool person, const std::string& id, std::string json);
    void remove(bool person, const std::string& id);
    void apply_object(const void* change_set);
    RosterAnswer snapshot(uint64_t at, bool persons_phase, const std::string& after,
                          size_t limit) const;
    RosterAnswer delta(uint64_t since, size_t limit) const;
    std::string page(const std::string& cursor, bool full, bool more,
                     const std::vector<const std::string*>& persons,
                     const std::vector<const std::string*>& creds,
                     const std::vector<std::string>& del_persons,
                     const std::vector<std::string>& del_creds) const;
    std::set<std::string> revoked_at(size_t n) const;
    std::string revocation_snapshot(size_t at, const std::string& after, size_t limit) const;

    std::string site_;
    mutable std::mutex mutex_;
    Table persons_;
    Table creds_;
    std::map<uint64_t, std::pair<bool, std::string>> changes_;  // version -> (person?, id)
    std::map<std::string, std::string> by_uid_;                   // card UID -> credential id
    uint64_t seq_ = 0;
    uint64_t floor_ = 0;  // deltas since an older cursor become snapshots
    std::vector<std::string> sessions_;  // JSON text of each session
    std::vector<std::string> session_dates_;  // YYYY-MM-DD of each session's start
    std::vector<std::pair<std::string, bool>> revocation_log_;  // (cid, revoked)
    size_t rev_floor_ = 0;  // revocation cursors older than this get a snapshot
};

}  // namespace gw::tools::eidsim
