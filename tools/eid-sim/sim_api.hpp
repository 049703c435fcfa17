#pragma once
// SimApi: the e-ID simulator's HTTP endpoints as a POCO request handler factory, shared by
// its http and https listeners.
//   GET  /v1/sites/{site}/roster?since=&limit=   §2 (gzip when asked for)
//   GET  /v1/sites/{site}/timetable?from=&to=    §3
//   GET  /v1/trustlist                           §4, signed
//   GET  /v1/revocations?since=&limit=          §5 (snapshots paged by limit cids)
//   POST /admin/credential-status?id=|uid=&status=lost   a 挂失: change + notification
//   POST /admin/upsert            body: a change set (persons, credentials, deleted)
//   POST /admin/revoke?cid=       a revocation + notification
//   POST /admin/fault             body: a fault (fault_plan.hpp); POST /admin/fault-clear
//   POST /admin/trustlist?version=N   serve this version from now on
//   POST /admin/compact           older cursors (roster, revocations) get a snapshot
//   POST /admin/notify            publish the current roster cursor
//   GET  /admin/stats             {"cursor", "persons", "credentials", "requests": {…}}
// /v1 needs `Authorization: Bearer <token>` when a token is configured (401 otherwise);
// with --client-ca the https listener also requires a client certificate signed by that CA
// (the TLS handshake fails without one).
#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include <atomic>
#include <map>
#include <mutex>
#include <string>

#include "fault_plan.hpp"
#include "sim_dataset.hpp"
#include "sim_notifier.hpp"
#include "trust_list_signer.hpp"

namespace gw::tools::eidsim {

struct SimState {
    SimState(SimDataset& d, TrustListSigner& s, FaultPlan& f, SimNotifier& n, std::string t)
        : data(d), signer(s), faults(f), notifier(n), token(std::move(t)) {}
    SimDataset& data;
    TrustListSigner& signer;
    FaultPlan& faults;
    SimNotifier& notifier;
    std::string token;  // empty: no authentication
    size_t max_limit = 5000;
    std::atomic<long long> trust_version{1};
    std::mutex counters_mutex;
    std::map<std::string, uint64_t> requests;  // by endpoint name

    void count(const std::string& endpoint) {
        std::lock_guard lock(counters_mutex);
        ++requests[endpoint];
    }
};

class SimApi final : public Poco::Net::HTTPRequestHandlerFactory {
public:
    explicit SimApi(SimState& state) : state_(state) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest& request) override;

private:
    SimState& state_;
};

}  // namespace gw::tools::eidsim
