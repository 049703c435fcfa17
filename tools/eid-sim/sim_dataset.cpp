#include "sim_dataset.hpp"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

namespace gw::tools::eidsim {
namespace {

using json = nlohmann::json;

std::string hex16(uint64_t v) {
    char b[17];
    std::snprintf(b, sizeof b, "%016llx", static_cast<unsigned long long>(v));
    return b;
}

std::optional<uint64_t> parse_hex16(const std::string& s) {
    if (s.size() != 16) return std::nullopt;
    uint64_t v = 0;
    for (char c : s) {
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (d < 0) return std::nullopt;
        v = v * 16 + static_cast<uint64_t>(d);
    }
    return v;
}

std::string hex_text(const std::string& s) {
    static const char* d = "0123456789abcdef";
    std::string out;
    for (unsigned char c : s) {
        out += d[c >> 4];
        out += d[c & 15];
    }
    return out;
}

std::string unhex_text(const std::string& h) {
    std::string out;
    for (size_t i = 0; i + 1 < h.size(); i += 2)
        out += static_cast<char>(std::stoi(h.substr(i, 2), nullptr, 16));
    return out;
}

void join(std::string& out, const std::vector<const std::string*>& items) {
    out += '[';
    for (size_t i = 0; i < items.size(); ++i) {
        if (i) out += ',';
        out += *items[i];
    }
    out += ']';
}

void join_ids(std::string& out, const std::vector<std::string>& ids) {
    out += '[';
    for (size_t i = 0; i < ids.size(); ++i) {
        if (i) out += ',';
        out += json(ids[i]).dump();
    }
    out += ']';
}

}  // namespace

SimDataset::SimDataset(std::string site) : site_(std::move(site)) {}

void SimDataset::put(bool person, const std::string& id, std::string text) {
    Table& t = person ? persons_ : creds_;
    auto& r = t[id];
    if (r.version) changes_.erase(r.version);
    r.json = std::move(text);
    r.version = ++seq_;
    changes_[r.version] = {person, id};
}

void SimDataset::remove(bool person, const std::string& id) {
    Table& t = person ? persons_ : creds_;
    auto it = t.find(id);
    if (it == t.end() || it->second.json.empty()) return;
    changes_.erase(it->second.version);
    it->second.json.clear();
    it->second.version = ++seq_;
    changes_[it->second.version] = {person, id};
}

void SimDataset::apply_object(const void* change_set) {
    const json& j = *static_cast<const json*>(change_set);
    if (!j.is_object()) throw std::invalid_argument("a change set is a JSON object");
    if (auto d = j.find("deleted"); d != j.end() && d->is_object()) {
        for (const auto& id : d->value("persons", json::array())) remove(true, id.get<std::string>());
        for (const auto& id : d->value("credentials", json::array()))
            remove(false, id.get<std::string>());
    }
    for (const auto& p : j.value("persons", json::array()))
        put(true, p.at("id").get<std::string>(), p.dump());
    for (const auto& c : j.value("credentials", json::array())) {
        const auto id = c.at("id").get<std::string>();
        if (c.contains("uid") && c["uid"].is_string()) by_uid_[c["uid"].get<std::string>()] = id;
        put(false, id, c.dump());
    }
}

void SimDataset::load_roster(const std::string& text) {
    const json j = json::parse(text);
    std::lock_guard lock(mutex_);
    if (j.is_array())
        for (const auto& page : j) apply_object(&page);
    else
        apply_object(&j);
}

void SimDataset::load_timetable(const std::string& text) {
    const json j = json::parse(text);
    std::lock_guard lock(mutex_);
    sessions_.clear();
    session_dates_.clear();
    for (const auto& s : j.at("sessions")) {
        sessions_.push_back(s.dump());
        session_dates_.push_back(s.value("start", std::string()).substr(0, 10));
    }
}

std::string SimDataset::apply(const std::string& text) {
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded()) throw std::invalid_argument("change set is not JSON");
    std::lock_guard lock(mutex_);
    try {
        apply_object(&j);
    } catch (const json::exception& e) {
        throw std::invalid_argument(e.what());
    }
    return hex16(seq_);
}

std::optional<std::string> SimDataset::set_credential_status(const std::string& id,
                                                             const std::string& uid,
                                                             const std::string& status) {
    std::lock_guard lock(mutex_);
    std::string cid = id;
    if (cid.empty()) {
        auto u = by_uid_.find(uid);
        if (u == by_uid_.end()) return std::nullopt;
        cid = u->second;
    }
    auto it = creds_.find(cid);
    if (it == creds_.end() || it->second.json.empty()) return std::nullopt;
    json c = json::parse(it->second.json);
    c["status"] = status;
    put(false, cid, c.dump());
    return hex16(seq_);
}

std::string SimDataset::revoke_cid(const std::string& cid, bool revoked) {
    std::lock_guard lock(mutex_);
    revocation_log_.emplace_back(cid, revoked);
    return hex16(revocation_log_.size());
}

void SimDataset::compact() {
    std::lock_guard lock(mutex_);
    floor_ = seq_;
    rev_floor_ = revocation_log_.size();
}

std::string SimDataset::cursor() const {
    std::lock_guard lock(mutex_);
    return hex16(seq_);
}

std::string SimDataset::revocations_cursor() const {
    std::lock_guard lock(mutex_);
    return hex16(revocation_log_.size());
}

size_t SimDataset::persons() const {
    std::lock_guard lock(mutex_);
    size_t n = 0;
    for (const auto& [id, r] : persons_) n += !r.json.empty();
    return n;
}

size_t SimDataset::credentials() const {
    std::lock_guard lock(mutex_);
    size_t n = 0;
    for (const auto& [id, r] : creds_) n += !r.json.empty();
    return n;
}

std::string SimDataset::page(const std::string& cursor, bool full, bool more,
                             const std::vector<const std::string*>& persons,
                             const std::vector<const std::string*>& creds,
                             const std::vector<std::string>& del_persons,
                             const std::vector<std::string>& del_creds) const {
    std::string out = "{\"site\":" + json(site_).dump() + ",\"cursor\":\"" + cursor +
                      "\",\"full\":" + (full ? "true" : "false") +
                      ",\"more\":" + (more ? "true" : "false") + ",\"persons\":";
    join(out, persons);
    out += ",\"credentials\":";
    join(out, creds);
    out += ",\"deleted\":{\"persons\":";
    join_ids(out, del_persons);
    out += ",\"credentials\":";
    join_ids(out, del_creds);
    out += "}}";
    return out;
}

RosterAnswer SimDataset::snapshot(uint64_t at, bool persons_phase, const std::string& after,
                                  size_t limit) const {
    std::vector<const std::string*> persons, creds;
    std::string last;
    for (int phase = persons_phase ? 0 : 1; phase < 2; ++phase) {
        const Table& t = phase == 0 ? persons_ : creds_;
        auto& out = phase == 0 ? persons : creds;
        auto it = (phase == (persons_phase ? 0 : 1) && !after.empty()) ? t.upper_bound(after)
                                                                        : t.begin();
        for (; it != t.end(); ++it) {
            if (it->second.json.empty()) continue;
            if (persons.size() + creds.size() == limit) {
                const std::string c = "s" + hex16(at) + ":" + (phase == 0 ? "p" : "c") + ":" +
                                      hex_text(last);
                return {this->page(c, after.empty() && persons_phase, true, persons, creds, {}, {}),
                        true, true};
            }
            out.push_back(&it->second.json);
            last = it->first;
        }
        if (phase == 0) last.clear();
    }
    return {page(hex16(at), after.empty() && persons_phase, false, persons, creds, {}, {}), true,
            false};
}

RosterAnswer SimDataset::delta(uint64_t since, size_t limit) const {
    std::vector<const std::string*> persons, creds;
    std::vector<std::string> del_p, del_c;
    uint64_t last = since;
    auto it = changes_.upper_bound(since);
    for (; it != changes_.end() && persons.size() + creds.size() + del_p.size() + del_c.size() < limit; ++it) {
        const auto& [person, id] = it->second;
        const Record& r = (person ? persons_ : creds_).at(id);
        if (r.json.empty()) (person ? del_p : del_c).push_back(id);
        else (person ? persons : creds).push_back(&r.json);
        last = it->first;
    }
    const bool more = it != changes_.end();
    return {page(hex16(more ? last : seq_), false, more, persons, creds, del_p, del_c), false, more};
}

RosterAnswer SimDataset::roster(const std::string& since, size_t limit) const {
    std::lock_guard lock(mutex_);
    if (limit == 0) limit = 1;
    if (!since.empty() && since[0] == 's') {
        // s<16 hex>:<p|c>:<hex id>
        const auto at = parse_hex16(since.substr(1, 16));
        if (at && since.size() >= 20 && since[17] == ':' && since[19] == ':')
            return snapshot(*at, since[18] == 'p', unhex_text(since.substr(20)), limit);
    }
    const auto s = parse_hex16(since);
    if (!s || *s < floor_ || *s > seq_) return snapshot(seq_, true, {}, limit);
    return delta(*s, limit);
}

std::string SimDataset::timetable(const std::string& from, const std::string& to) const {
    std::lock_guard lock(mutex_);
    std::string out = "{\"sessions\":[";
    bool first = true;
    for (size_t i = 0; i < sessions_.size(); ++i) {
        const auto& d = session_dates_[i];
        if ((!from.empty() && d < from) || (!to.empty() && d > to)) continue;
        if (!first) out += ',';
        out += sessions_[i];
        first = false;
    }
    return out + "]}";
}

/// The cids revoked after the first `n` entries of the log.
std::set<std::string> SimDataset::revoked_at(size_t n) const {
    std::set<std::string> revoked;
    for (size_t i = 0; i < n && i < revocation_log_.size(); ++i) {
        const auto& [cid, r] = revocation_log_[i];
        r ? (void)revoked.insert(cid) : (void)revoked.erase(cid);
    }
    return revoked;
}

/// A snapshot page as of log entry `at`: the cids after `after`, at most `limit`.
std::string SimDataset::revocation_snapshot(size_t at, const std::string& after,
                                            size_t limit) const {
    const auto all = revoked_at(at);
    std::vector<std::string> page;
    auto it = after.empty() ? all.begin() : all.upper_bound(after);
    for (; it != all.end() && page.size() < std::max<size_t>(limit, 1); ++it) page.push_back(*it);
    const bool more = it != all.end();
    const std::string cursor = more ? "s" + hex16(at) + ":" + page.back() : hex16(at);
    json j = {{"cursor", cursor}, {"full", after.empty()}, {"more", more},
              {"revoked", page}, {"restored", json::array()}};
    return j.dump();
}

std::string SimDataset::revocations(const std::string& since, size_t limit) const {
    std::lock_guard lock(mutex_);
    if (since.size() > 18 && since[0] == 's' && since[17] == ':') {  // a snapshot continues
        const auto at = parse_hex16(since.substr(1, 16));
        if (at && *at <= revocation_log_.size())
            return revocation_snapshot(*at, since.substr(18), limit);
    }
    const auto s = parse_hex16(since);
    if (!s || *s > revocation_log_.size() || *s < rev_floor_)
        return revocation_snapshot(revocation_log_.size(), "", limit);
    std::set<std::string> revoked, restored;
    for (size_t i = *s; i < revocation_log_.size(); ++i) {
        const auto& [cid, r] = revocation_log_[i];
        (r ? revoked : restored).insert(cid);
        (r ? restored : revoked).erase(cid);
    }
    json j = {{"cursor", hex16(revocation_log_.size())}, {"full", false}, {"more", false},
              {"revoked", revoked}, {"restored", restored}};
    return j.dump();
}

}  // namespace gw::tools::eidsim
