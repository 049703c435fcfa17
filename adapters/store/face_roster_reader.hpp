#pragma once
// FaceRosterReader: core::FaceRoster on a read-only SQLite connection of its own to the
// gateway's database (state_dir/campusgw.db), for a face device's worker thread. It never
// writes and never migrates: the daemon's SqliteStore has opened (and migrated) the file
// before devices start. Reads run in WAL mode beside the core loop's writes.
// Thread-safety: none; one thread per instance. Blocking: disk reads.
#include <memory>
#include <string>

#include "gateway/core/face_roster.hpp"
#include "gateway/core/result.hpp"

namespace gw::adp::store {

class Database;

class FaceRosterReader final : public core::FaceRoster {
public:
    static core::Result<std::unique_ptr<FaceRosterReader>> open(const std::string& path);
    ~FaceRosterReader() override;
    FaceRosterReader(const FaceRosterReader&) = delete;
    FaceRosterReader& operator=(const FaceRosterReader&) = delete;

    core::Result<std::vector<core::FaceEnrolment>> face_enrolments() override;

private:
    explicit FaceRosterReader(std::unique_ptr<Database> db);
    std::unique_ptr<Database> db_;
};

}  // namespace gw::adp::store
