#include "face_roster_reader.hpp"

#include "database.hpp"
#include "text_list.hpp"

namespace gw::adp::store {

namespace {

constexpr const char* kSql =
    "SELECT c.id, c.person_id, c.status, c.ref, c.photo_url, p.role, p.status, p.groups, "
    "p.valid_from, p.valid_to, p.display "
    "FROM credentials c JOIN persons p ON p.id = c.person_id "
    "WHERE c.kind = 'face' ORDER BY c.person_id, c.id";

core::FaceEnrolment read_row(Statement& s) {
    core::FaceEnrolment e;
    e.credential.id = s.column_text(0);
    e.credential.person_id = s.column_text(1);
    e.credential.kind = core::CredentialKind::Face;
    // Unreadable statuses are not "active": the person is left off the terminal.
    e.credential.status =
        core::parse_credential_status(s.column_text(2)).value_or(core::CredentialStatus::Revoked);
    e.credential.ref = s.column_text(3);
    e.credential.photo_url = s.column_text(4);
    e.person.id = e.credential.person_id;
    e.person.role = core::parse_role(s.column_text(5)).value_or(core::Role::Visitor);
    e.person.status = core::parse_person_status(s.column_text(6)).value_or(core::PersonStatus::Left);
    e.person.groups = split_list(s.column_text(7));
    e.person.valid_from = static_cast<int32_t>(s.column_int64(8));
    e.person.valid_to = static_cast<int32_t>(s.column_int64(9));
    e.person.display = s.column_text(10);
    return e;
}

}  // namespace

core::Result<std::unique_ptr<FaceRosterReader>> FaceRosterReader::open(const std::string& path) {
    auto db = Database::open(path, 5000);
    if (!db) return db.error();
    if (auto st = (*db)->exec("PRAGMA query_only = ON;", "query_only"); !st) return st.error();
    return std::unique_ptr<FaceRosterReader>(new FaceRosterReader(std::move(db.value())));
}

FaceRosterReader::FaceRosterReader(std::unique_ptr<Database> db) : db_(std::move(db)) {}
FaceRosterReader::~FaceRosterReader() = default;

core::Result<std::vector<core::FaceEnrolment>> FaceRosterReader::face_enrolments() {
    auto stmt = db_->prepare(kSql, "face_enrolments");
    if (!stmt) return stmt.error();
    StatementScope s(*stmt);
    std::vector<core::FaceEnrolment> out;
    while (true) {
        auto row = s->step();
        if (!row) return row.error();
        if (!row.value()) return out;
        out.push_back(read_row(*s));
    }
}

}  // namespace gw::adp::store
