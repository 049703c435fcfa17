#include "roster_generator.hpp"

#include <ostream>

namespace gw::dev::sim::tools {

namespace {

constexpr uint64_t kClassSize = 40;
constexpr uint64_t kSpecialEvery = 200;  // 1 in 200 = 0.5%
constexpr uint64_t kLostSlot = 37;
constexpr uint64_t kSuspendedSlot = 113;
constexpr size_t kFlushAt = 1 << 20;

// Salts of mix_hash, one per random attribute.
constexpr uint64_t kSaltDorm = 1;
constexpr uint64_t kSaltSubsidy = 2;
constexpr uint64_t kSaltDept = 3;

const char* const kMajors[] = {"cs", "me", "ee", "fin", "art", "tour"};
const char* const kDepts[] = {"teaching", "dorm-admin", "canteen", "library"};

void flush_if_big(std::string& buf, std::ostream& out) {
    if (buf.size() < kFlushAt) return;
    out << buf;
    buf.clear();
}

}  // namespace

RosterGenerator::RosterGenerator(RosterOptions opts)
    : opts_(std::move(opts)),
      uids_(opts_.seed),
      classes_(opts_.students == 0 ? 0 : (opts_.students + kClassSize - 1) / kClassSize) {}

uint64_t RosterGenerator::total_persons() const {
    return opts_.students + opts_.staff + opts_.visitors;
}

std::string RosterGenerator::class_name(uint64_t k) const {
    // Three intakes, six majors, then numbered classes: class:2024-cs-1, class:2025-cs-1, ...
    const uint64_t year = 2024 + k % 3;
    const char* major = kMajors[(k / 3) % 6];
    const uint64_t num = k / 18 + 1;
    return "class:" + std::to_string(year) + "-" + major + "-" + std::to_string(num);
}

RosterGenerator::PersonSpec RosterGenerator::student(uint64_t i, uint64_t g) const {
    PersonSpec p;
    p.id = "p-" + std::string(i < 1'000'000 ? 7 - std::to_string(i + 1).size() : 0, '0') +
           std::to_string(i + 1);
    p.role = "student";
    const uint64_t dorm_roll = mix_hash(opts_.seed, g, kSaltDorm) % 60;
    if (dorm_roll >= 6) p.dorm_group = "dorm:" + std::to_string(dorm_roll % 6 + 1);  // 90%
    p.class_group = class_name(i % classes_);
    if (!p.dorm_group.empty()) p.groups.push_back(p.dorm_group);
    p.groups.push_back(p.class_group);
    if (mix_hash(opts_.seed, g, kSaltSubsidy) % 5 == 0) p.groups.emplace_back("meal:subsidy");
    return p;
}

RosterGenerator::PersonSpec RosterGenerator::staff_member(uint64_t i, uint64_t g) const {
    PersonSpec p;
    p.id = "t-" + std::string(i < 100'000 ? 5 - std::to_string(i + 1).size() : 0, '0') +
           std::to_string(i + 1);
    p.role = "staff";
    p.groups = {"staff", std::string("dept:") + kDepts[mix_hash(opts_.seed, g, kSaltDept) % 4]};
    return p;
}

RosterGenerator::PersonSpec RosterGenerator::person(uint64_t g) const {
    PersonSpec p;
    if (g < opts_.students) {
        p = student(g, g);
    } else if (g < opts_.students + opts_.staff) {
        p = staff_member(g - opts_.students, g);
    } else {
        p.id = "v-" + std::to_string(g - opts_.students - opts_.staff + 1);
        p.role = "visitor";
        p.groups = {"visitor"};
    }
    p.card_lost = g % kSpecialEvery == kLostSlot;
    p.suspended = g % kSpecialEvery == kSuspendedSlot;
    return p;
}

RosterStats RosterGenerator::write(std::ostream& roster, std::ostream& cards) {
    RosterStats st;
    st.classes = classes_;
    roster << "{\"site\":\"" << opts_.site << "\",\"cursor\":\"" << std::hex << std::uppercase;
    roster.width(16);
    roster.fill('0');
    roster << (opts_.seed & 0xFFFFFFFF) << std::dec << "\",\"full\":true,\"more\":false,\n";
    roster << "\"persons\":[\n";
    write_persons(roster, st);
    roster << "],\n\"credentials\":[\n";
    write_credentials(roster, cards, st);
    roster << "],\n\"deleted\":{\"persons\":[],\"credentials\":[]}}\n";
    write_unknown(cards, st);
    return st;
}

void RosterGenerator::append_person_json(std::string& buf, const PersonSpec& p) {
    buf += "{\"id\":\"" + p.id + "\",\"role\":\"" + p.role + "\",\"status\":\"";
    buf += p.suspended ? "suspended" : "active";
    buf += "\",\"groups\":[";
    for (size_t i = 0; i < p.groups.size(); ++i) {
        if (i) buf += ',';
        buf += "\"" + p.groups[i] + "\"";
    }
    buf += "],\"valid_from\":\"2024-09-01\",\"valid_to\":\"2027-07-31\"}";
}

void RosterGenerator::write_persons(std::ostream& out, RosterStats& st) const {
    std::string buf;
    const uint64_t n = total_persons();
    for (uint64_t g = 0; g < n; ++g) {
        const PersonSpec p = person(g);
        append_person_json(buf, p);
        buf += g + 1 < n ? ",\n" : "\n";
        flush_if_big(buf, out);
        ++st.persons;
        st.suspended += p.suspended ? 1 : 0;
        st.students += p.role == "student" ? 1 : 0;
        st.staff += p.role == "staff" ? 1 : 0;
        st.visitors += p.role == "visitor" ? 1 : 0;
        for (const auto& grp : p.groups) st.subsidy += grp == "meal:subsidy" ? 1 : 0;
    }
    out << buf;
}

void RosterGenerator::append_card_line(std::string& buf, const std::string& uid,
                                       const PersonSpec& p) {
    const char* tag = p.card_lost ? "lost" : p.suspended ? "suspended" : "ok";
    buf += uid + '\t' + p.id + '\t' + p.role + '\t';
    buf += (p.class_group.empty() ? "-" : p.class_group) + '\t';
    buf += (p.dorm_group.empty() ? "-" : p.dorm_group) + '\t' + tag + '\n';
}

void RosterGenerator::write_credentials(std::ostream& out, std::ostream& cards,
                                        RosterStats& st) const {
    std::string buf, card_buf;
    const uint64_t n = total_persons();
    const uint64_t per = opts_.credentials_per_person;
    for (uint64_t g = 0; g < n; ++g) {
        const PersonSpec p = person(g);
        for (uint64_t k = 0; k < per; ++k) {
            const uint64_t serial = g * per + k;
            const std::string uid = uids_.uid(serial);
            const bool lost = k == 0 && p.card_lost;
            buf += "{\"id\":\"c-" + std::to_string(serial + 1) + "\",\"person\":\"" + p.id;
            buf += std::string("\",\"kind\":\"") + (k == 0 ? "nfc_uid" : "desfire");
            buf += "\",\"uid\":\"" + uid + "\",\"status\":\"";
            buf += lost ? "lost" : "active";
            buf += g + 1 < n || k + 1 < per ? "\"},\n" : "\"}\n";
            if (k == 0) append_card_line(card_buf, uid, p);
            st.lost += lost ? 1 : 0;
            ++st.credentials;
        }
        flush_if_big(buf, out);
        flush_if_big(card_buf, cards);
    }
    out << buf;
    cards << card_buf;
}

void RosterGenerator::write_unknown(std::ostream& cards, RosterStats& st) const {
    const uint64_t base = total_persons() * opts_.credentials_per_person;
    for (uint64_t j = 0; j < opts_.unknown; ++j) {
        cards << uids_.uid(base + j) << "\t-\t-\t-\t-\tunknown\n";
        ++st.unknown;
    }
}

}  // namespace gw::dev::sim::tools
