#pragma once
// One page of the roster sync (eid-sync-v1 §2), already parsed and validated.
// Credentials still carry the raw UID here (`uid`); the store hashes it on write and
// never keeps it.
#include <string>
#include <vector>

#include "credential.hpp"
#include "person.hpp"

namespace gw::core {

struct RosterCredential {
    Credential credential;  // uid_key and ref are filled by the store
    std::string uid;        // raw upper-case hex, nfc_uid/desfire only; in memory only
};

struct RosterPage {
    std::string site;
    std::string cursor;
    bool full = false;
    bool more = false;
    std::vector<Person> persons;
    std::vector<RosterCredential> credentials;
    std::vector<std::string> deleted_persons;
    std::vector<std::string> deleted_credentials;
    size_t rejected = 0;    // malformed records skipped by the parser (counted, not fatal)
};

}  // namespace gw::core
