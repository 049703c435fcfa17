#pragma once
// Generates a synthetic school roster as one eid-sync-v1 §2 snapshot page ("full": true),
// plus cards.tsv, the list of cards a tap driver or load generator can choose from:
//   uid<TAB>person<TAB>role<TAB>class<TAB>dorm<TAB>tag      (tag: ok|lost|suspended|unknown)
// Everything is a pure function of the options (same seed → same files). Records are
// streamed, so 100,000 persons with 200,000 credentials need only a few MB of memory.
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "uid_source.hpp"

namespace gw::dev::sim::tools {

struct RosterOptions {
    uint64_t students = 0;
    uint64_t staff = 0;
    uint64_t visitors = 0;
    uint64_t seed = 1;
    uint64_t credentials_per_person = 1;  // 1: one nfc_uid card; 2: plus a desfire card
    uint64_t unknown = 0;                 // extra cards.tsv lines with UIDs not in the roster
    std::string site = "demo-school";
};

struct RosterStats {
    uint64_t persons = 0;
    uint64_t credentials = 0;
    uint64_t students = 0;
    uint64_t staff = 0;
    uint64_t visitors = 0;
    uint64_t lost = 0;
    uint64_t suspended = 0;
    uint64_t subsidy = 0;
    uint64_t classes = 0;
    uint64_t unknown = 0;
};

class RosterGenerator {
public:
    explicit RosterGenerator(RosterOptions opts);

    /// Writes the roster page to `roster` and the card list to `cards`.
    RosterStats write(std::ostream& roster, std::ostream& cards);

private:
    struct PersonSpec {
        std::string id;
        std::string role;
        bool suspended = false;
        bool card_lost = false;
        std::string class_group;  // "class:2024-cs-1" or empty
        std::string dorm_group;   // "dorm:3" or empty
        std::vector<std::string> groups;
    };

    uint64_t total_persons() const;
    PersonSpec person(uint64_t g) const;
    PersonSpec student(uint64_t i, uint64_t g) const;
    PersonSpec staff_member(uint64_t i, uint64_t g) const;
    std::string class_name(uint64_t k) const;

    void write_persons(std::ostream& out, RosterStats& st) const;
    void write_credentials(std::ostream& out, std::ostream& cards, RosterStats& st) const;
    void write_unknown(std::ostream& cards, RosterStats& st) const;
    static void append_person_json(std::string& buf, const PersonSpec& p);
    static void append_card_line(std::string& buf, const std::string& uid, const PersonSpec& p);

    RosterOptions opts_;
    UidSource uids_;
    uint64_t classes_;
};

}  // namespace gw::dev::sim::tools
