#include "queries.hpp"

namespace gw::adp::store {

// Lookups by uid_key or ref may meet several rows (a card re-issued under a new credential
// id while the old record is still listed as lost): an active one wins, then the lowest id,
// so the answer is deterministic.
const std::array<QueryDef, static_cast<size_t>(Q::kCount)> kQueries = {{
    {"meta_get", "SELECT value FROM meta WHERE key = ?1"},
    {"meta_put",
     "INSERT INTO meta(key, value) VALUES(?1, ?2) "
     "ON CONFLICT(key) DO UPDATE SET value = excluded.value"},
    {"credential_by_uid_key",
     "SELECT id, person_id, kind, status, uid_key, ref, photo_url FROM credentials "
     "WHERE uid_key = ?1 ORDER BY status <> 'active', id LIMIT 1"},
    {"credential_by_id",
     "SELECT id, person_id, kind, status, uid_key, ref, photo_url FROM credentials "
     "WHERE id = ?1"},
    {"credential_by_ref",
     "SELECT id, person_id, kind, status, uid_key, ref, photo_url FROM credentials "
     "WHERE ref = ?1 ORDER BY status <> 'active', id LIMIT 1"},
    {"person_by_id",
     "SELECT id, role, status, groups, valid_from, valid_to, display FROM persons "
     "WHERE id = ?1"},
    {"person_upsert",
     "INSERT INTO persons(id, role, status, groups, valid_from, valid_to, display) "
     "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) "
     "ON CONFLICT(id) DO UPDATE SET role = excluded.role, status = excluded.status, "
     "groups = excluded.groups, valid_from = excluded.valid_from, "
     "valid_to = excluded.valid_to, display = excluded.display"},
    {"credential_upsert",
     "INSERT INTO credentials(id, person_id, kind, status, uid_key, ref, photo_url) "
     "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) "
     "ON CONFLICT(id) DO UPDATE SET person_id = excluded.person_id, kind = excluded.kind, "
     "status = excluded.status, uid_key = excluded.uid_key, ref = excluded.ref, "
     "photo_url = excluded.photo_url"},
    {"person_delete", "DELETE FROM persons WHERE id = ?1"},
    {"credential_delete", "DELETE FROM credentials WHERE id = ?1"},
    {"stage_person_put",
     "INSERT OR REPLACE INTO stage_persons(id, role, status, groups, valid_from, valid_to, "
     "display) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)"},
    {"stage_credential_put",
     "INSERT OR REPLACE INTO stage_credentials(id, person_id, kind, status, uid_key, ref, "
     "photo_url) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)"},
    {"stage_person_delete", "DELETE FROM stage_persons WHERE id = ?1"},
    {"stage_credential_delete", "DELETE FROM stage_credentials WHERE id = ?1"},
    {"count_persons", "SELECT count(*) FROM persons"},
    {"count_credentials", "SELECT count(*) FROM credentials"},
    {"meal_get",
     "SELECT count FROM meal_counts "
     "WHERE person = ?1 AND zone = ?2 AND meal_window = ?3 AND day = ?4"},
    {"meal_add",
     "INSERT INTO meal_counts(person, zone, meal_window, day, count) VALUES(?1, ?2, ?3, ?4, 1) "
     "ON CONFLICT(person, zone, meal_window, day) DO UPDATE SET count = count + 1"},
    {"meal_prune", "DELETE FROM meal_counts WHERE day < ?1"},
    {"pass_get", "SELECT last_dir, day FROM passback WHERE person = ?1 AND zone = ?2"},
    {"pass_put",
     "INSERT INTO passback(person, zone, last_dir, day) VALUES(?1, ?2, ?3, ?4) "
     "ON CONFLICT(person, zone) DO UPDATE SET last_dir = excluded.last_dir, day = excluded.day"},
    {"sessions_at",
     "SELECT s.id, s.title, s.grp, s.start_ms, s.end_ms, "
     "(SELECT group_concat(q.point, char(31)) FROM session_points q "
     " WHERE q.session_id = s.id) "
     "FROM session_points p JOIN sessions s ON s.id = p.session_id "
     "WHERE p.point = ?1 AND s.start_ms - ?3 <= ?2 AND ?2 < s.end_ms "
     "ORDER BY s.start_ms, s.id"},
    {"session_put",
     "INSERT OR REPLACE INTO sessions(id, title, grp, start_ms, end_ms) "
     "VALUES(?1, ?2, ?3, ?4, ?5)"},
    {"session_points_delete", "DELETE FROM session_points WHERE session_id = ?1"},
    {"session_point_put",
     "INSERT OR IGNORE INTO session_points(point, session_id) VALUES(?1, ?2)"},
    {"outbox_insert",
     "INSERT INTO outbox(seq, topic, payload, created_ms) VALUES(?1, ?2, ?3, ?4)"},
    {"outbox_drop_oldest",
     "DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox ORDER BY seq LIMIT ?1)"},
    {"outbox_pending",
     "SELECT seq, topic, payload, created_ms FROM outbox WHERE seq > ?1 ORDER BY seq LIMIT ?2"},
    {"outbox_delete_range", "DELETE FROM outbox WHERE seq BETWEEN ?1 AND ?2"},
    {"outbox_oldest", "SELECT created_ms FROM outbox ORDER BY seq LIMIT 1"},
    {"outbox_max_seq", "SELECT coalesce(max(seq), 0) FROM outbox"},
    {"outbox_count", "SELECT count(*) FROM outbox"},
    {"outbox_top_down",
     "SELECT seq, payload FROM outbox WHERE seq >= ?1 AND seq <= ?2 ORDER BY seq DESC "
     "LIMIT ?3"},
    {"outbox_move", "UPDATE outbox SET seq = ?1, payload = ?2 WHERE seq = ?3"},
    {"credential_of_person",
     "SELECT id, person_id, kind, status, uid_key, ref, photo_url FROM credentials "
     "WHERE person_id = ?1 AND kind = ?2 ORDER BY status <> 'active', id LIMIT 1"},
}};

namespace script {

const char* const kClearStage = "DELETE FROM stage_persons; DELETE FROM stage_credentials;";

// The whole swap runs inside the caller's transaction, so decisions (on this or another
// connection) see either the old roster or the new one. DELETE without WHERE takes
// SQLite's truncate path. Rows are copied in primary-key order from the WITHOUT ROWID
// staging tables, so the main tables are filled by appending. The secondary indexes of
// `credentials` are dropped before the copy and rebuilt after it (SqliteStore builds that
// part from sqlite_master): a sorted build is about twice as fast as 200,000 random
// inserts into three indexes with a 4 MB cache.
const char* const kSwapSnapshot =
    "DELETE FROM persons; DELETE FROM credentials;"
    "INSERT INTO persons(id, role, status, groups, valid_from, valid_to, display) "
    "SELECT id, role, status, groups, valid_from, valid_to, display FROM stage_persons;"
    "INSERT INTO credentials(id, person_id, kind, status, uid_key, ref, photo_url) "
    "SELECT id, person_id, kind, status, uid_key, ref, photo_url FROM stage_credentials;"
    "DELETE FROM stage_persons; DELETE FROM stage_credentials;";

const char* const kRosterIndexes =
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
    "AND tbl_name IN ('persons', 'credentials') ORDER BY name";

const char* const kClearTimetable = "DELETE FROM session_points; DELETE FROM sessions;";

}  // namespace script

}  // namespace gw::adp::store
