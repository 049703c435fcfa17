#pragma once
// Every SQL statement the store runs more than once, as one table indexed by Q. They are
// all prepared when the store opens (a typo fails at startup, not at a door) and kept.
#include <array>
#include <cstddef>
#include <string_view>

namespace gw::adp::store {

enum class Q : size_t {
    MetaGet,
    MetaPut,
    CredentialByUidKey,
    CredentialById,
    CredentialByRef,
    PersonById,
    PersonUpsert,
    CredentialUpsert,
    PersonDelete,
    CredentialDelete,
    StagePersonPut,
    StageCredentialPut,
    StagePersonDelete,
    StageCredentialDelete,
    CountPersons,
    CountCredentials,
    MealGet,
    MealAdd,
    MealPrune,
    PassGet,
    PassPut,
    SessionsAt,
    SessionPut,
    SessionPointsDelete,
    SessionPointPut,
    OutboxInsert,
    OutboxDropOldest,
    OutboxPending,
    OutboxDeleteRange,
    OutboxOldest,
    OutboxMaxSeq,
    OutboxCount,
    OutboxTopDown,
    OutboxMove,
    CredentialOfPerson,
    kCount,
};

struct QueryDef {
    std::string_view name;  // labels errors: "sqlite outbox_insert: disk I/O error"
    std::string_view sql;
};

extern const std::array<QueryDef, static_cast<size_t>(Q::kCount)> kQueries;

/// Multi-statement scripts run with Database::exec.
namespace script {
extern const char* const kClearStage;
extern const char* const kSwapSnapshot;
/// name, sql of the explicit indexes of the roster tables (rebuilt around a swap).
extern const char* const kRosterIndexes;
extern const char* const kClearTimetable;
}  // namespace script

}  // namespace gw::adp::store
