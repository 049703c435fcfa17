#include "store_sync_adapter.hpp"

namespace gw::app {

core::Result<core::PageApplied> StoreSyncAdapter::apply_roster_page(const core::RosterPage& page,
                                                                    core::SysTime now) {
    auto r = store_->apply_roster_page(page, *hasher_, now);
    if (!r) return r.error();
    core::PageApplied a;
    a.persons = r->persons;
    a.credentials = r->credentials;
    a.deleted = r->deleted_persons + r->deleted_credentials;
    a.staged = r->staged;
    a.snapshot_applied = r->snapshot_applied;
    return a;
}

}  // namespace gw::app
