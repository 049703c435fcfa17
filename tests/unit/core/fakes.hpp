#pragma once
// In-memory stand-ins for the store's ports, for policy unit tests only. The real SQLite
// store is exercised by the store and daemon integration tests.
#include <map>
#include <optional>
#include <string>
#include <tuple>

#include "gateway/core/clock.hpp"
#include "gateway/core/counter_store.hpp"
#include "gateway/core/fixed_offset_time_zone.hpp"
#include "gateway/core/identity_hasher.hpp"
#include "gateway/core/roster_view.hpp"
#include "gateway/core/timetable_view.hpp"

namespace gw::test {

using namespace gw::core;

/// Not a keyed hash: a readable, reversible mapping so tests can name expected values.
class PlainHasher final : public IdentityHasher {
public:
    std::string uid_key(std::string_view uid) const override { return "k:" + std::string(uid); }
    std::string tag(std::string_view t) const override { return "t:" + std::string(t); }
};

class MemRoster final : public RosterView {
public:
    std::map<std::string, Credential> by_key;
    std::map<std::string, Person> persons;
    std::optional<SysTime> updated_at;

    void add(const Person& p, const std::string& uid, CredentialKind kind = CredentialKind::NfcUid,
             CredentialStatus st = CredentialStatus::Active) {
        persons[p.id] = p;
        Credential c;
        c.id = "c-" + uid;
        c.person_id = p.id;
        c.kind = kind;
        c.status = st;
        c.uid_key = "k:" + uid;
        c.ref = "r:" + uid;
        by_key[c.uid_key] = c;
    }
    std::optional<Credential> find_by_uid_key(std::string_view k) override {
        auto it = by_key.find(std::string(k));
        if (it == by_key.end()) return std::nullopt;
        return it->second;
    }
    std::optional<Credential> find_credential(std::string_view id) override {
        for (const auto& [key, c] : by_key)
            if (c.id == id) return c;
        return std::nullopt;
    }
    std::optional<Credential> find_by_ref(std::string_view) override { return std::nullopt; }
    std::optional<Credential> find_person_credential(std::string_view person,
                                                     CredentialKind kind) override {
        for (const auto& [key, c] : by_key)
            if (c.person_id == person && c.kind == kind) return c;
        return std::nullopt;
    }
    std::optional<Person> find_person(std::string_view id) override {
        auto it = persons.find(std::string(id));
        if (it == persons.end()) return std::nullopt;
        return it->second;
    }
    std::optional<SysTime> roster_updated_at() override { return updated_at; }
    std::string roster_cursor() override { return ""; }
};

class MemCounters final : public CounterStore {
public:
    std::map<std::tuple<std::string, std::string, std::string, int32_t>, int> meals;
    std::map<std::pair<std::string, std::string>, PassbackState> passes;

    int meal_count(std::string_view p, std::string_view z, std::string_view w,
                   int32_t day) override {
        auto it = meals.find({std::string(p), std::string(z), std::string(w), day});
        return it == meals.end() ? 0 : it->second;
    }
    void add_meal(std::string_view p, std::string_view z, std::string_view w,
                  int32_t day) override {
        ++meals[{std::string(p), std::string(z), std::string(w), day}];
    }
    std::optional<PassbackState> last_pass(std::string_view p, std::string_view z) override {
        auto it = passes.find({std::string(p), std::string(z)});
        if (it == passes.end()) return std::nullopt;
        return it->second;
    }
    void record_pass(std::string_view p, std::string_view z, const PassbackState& s) override {
        passes[{std::string(p), std::string(z)}] = s;
    }
};

class MemTimetable final : public TimetableView {
public:
    std::vector<Session> sessions;
    std::vector<Session> sessions_at(std::string_view point, SysTime t,
                                     std::chrono::minutes open_before) override {
        std::vector<Session> out;
        for (const auto& s : sessions) {
            bool at_point = false;
            for (const auto& p : s.points) at_point |= (p == point);
            if (at_point && t >= s.start - open_before && t < s.end) out.push_back(s);
        }
        return out;
    }
};

class ManualClock final : public Clock {
public:
    SysTime t{};
    bool is_synced = true;
    SysTime now() const override { return t; }
    bool synced() const override { return is_synced; }
};

}  // namespace gw::test
