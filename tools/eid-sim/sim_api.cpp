#include "sim_api.hpp"

#include <Poco/DeflatingStream.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

namespace gw::tools::eidsim {
namespace {

using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

struct Reply {
    int status = 200;
    std::string body;
    std::string signature;
};

std::map<std::string, std::string> query_of(const Poco::URI& uri) {
    std::map<std::string, std::string> q;
    for (const auto& [k, v] : uri.getQueryParameters()) q[k] = v;
    return q;
}

std::string gzip(const std::string& s) {
    std::ostringstream out;
    Poco::DeflatingOutputStream z(out, Poco::DeflatingStreamBuf::STREAM_GZIP);
    z << s;
    z.close();
    return out.str();
}

class Handler final : public Poco::Net::HTTPRequestHandler {
public:
    explicit Handler(SimState& s) : s_(s) {}
    void handleRequest(HTTPServerRequest& req, HTTPServerResponse& resp) override;

private:
    Reply api(const std::string& path, std::map<std::string, std::string>& q);
    Reply admin(const std::string& path, std::map<std::string, std::string>& q,
                const std::string& body);
    void send(HTTPServerRequest& req, HTTPServerResponse& resp, Reply r,
              const std::optional<Fault>& fault);
    SimState& s_;
};

Reply Handler::api(const std::string& path, std::map<std::string, std::string>& q) {
    const std::string site_prefix = "/v1/sites/" + s_.data.site() + "/";
    if (path == site_prefix + "roster") {
        size_t limit = q.count("limit") ? std::stoul(q["limit"]) : s_.max_limit;
        return {200, s_.data.roster(q["since"], std::min(limit, s_.max_limit)).body, {}};
    }
    if (path == site_prefix + "timetable") {
        return {200, s_.data.timetable(q["from"], q["to"]), {}};
    }
    if (path == "/v1/trustlist") {
        const std::string body = s_.signer.body(s_.trust_version.load());
        return {200, body, s_.signer.sign(body)};
    }
    if (path == "/v1/revocations") {
        size_t limit = q.count("limit") ? std::stoul(q["limit"]) : s_.max_limit;
        return {200, s_.data.revocations(q["since"], std::min(limit, s_.max_limit)), {}};
    }
    return {404, "{\"error\":\"no such endpoint\"}", {}};
}

Reply Handler::admin(const std::string& path, std::map<std::string, std::string>& q,
                     const std::string& body) {
    if (path == "/admin/credential-status") {
        auto c = s_.data.set_credential_status(q["id"], q["uid"], q.count("status") ? q["status"] : "lost");
        if (!c) return {404, "{\"error\":\"no such credential\"}", {}};
        s_.notifier.roster_changed(*c);
        return {200, "{\"cursor\":\"" + *c + "\"}", {}};
    }
    if (path == "/admin/upsert") {
        const auto c = s_.data.apply(body);
        if (q["notify"] != "0") s_.notifier.roster_changed(c);
        return {200, "{\"cursor\":\"" + c + "\"}", {}};
    }
    if (path == "/admin/revoke") {
        const auto c = s_.data.revoke_cid(q["cid"], q["restore"] != "1");
        s_.notifier.revocation(c);
        return {200, "{\"cursor\":\"" + c + "\"}", {}};
    }
    if (path == "/admin/fault") return s_.faults.set(body), Reply{200, "{}", {}};
    if (path == "/admin/fault-clear") return s_.faults.clear(), Reply{200, "{}", {}};
    if (path == "/admin/trustlist") {
        s_.trust_version = std::stoll(q["version"]);
        return {200, "{}", {}};
    }
    if (path == "/admin/compact") return s_.data.compact(), Reply{200, "{}", {}};
    if (path == "/admin/notify") {
        s_.notifier.roster_changed(s_.data.cursor());
        return {200, "{}", {}};
    }
    if (path == "/admin/stats") {
        nlohmann::json j = {{"cursor", s_.data.cursor()}, {"persons", s_.data.persons()},
                            {"credentials", s_.data.credentials()}};
        std::lock_guard lock(s_.counters_mutex);
        j["requests"] = s_.requests;
        return {200, j.dump(), {}};
    }
    return {404, "{\"error\":\"no such admin endpoint\"}", {}};
}

void Handler::send(HTTPServerRequest& req, HTTPServerResponse& resp, Reply r,
                   const std::optional<Fault>& fault) {
    if (fault && fault->mode == "bad_signature" && !r.signature.empty())
        r.signature[r.signature.size() - 2] = r.signature[r.signature.size() - 2] == 'A' ? 'B' : 'A';
    if (fault && fault->mode == "old_version" && !r.signature.empty()) {
        r.body = s_.signer.body(fault->version);
        r.signature = s_.signer.sign(r.body);
    }
    resp.setStatus(static_cast<HTTPResponse::HTTPStatus>(r.status));
    resp.setContentType("application/json");
    if (!r.signature.empty()) resp.set("Content-Signature", r.signature);
    if (req.get("Accept-Encoding", "").find("gzip") != std::string::npos && r.status == 200) {
        r.body = gzip(r.body);
        resp.set("Content-Encoding", "gzip");
    }
    resp.setContentLength64(static_cast<Poco::Int64>(r.body.size()));
    if (fault && fault->mode == "truncate") {
        resp.setKeepAlive(false);
        resp.send().write(r.body.data(), static_cast<std::streamsize>(r.body.size() / 2)).flush();
        return;
    }
    resp.send().write(r.body.data(), static_cast<std::streamsize>(r.body.size()));
}

void Handler::handleRequest(HTTPServerRequest& req, HTTPServerResponse& resp) {
    const Poco::URI uri(req.getURI());
    auto q = query_of(uri);
    const std::string path = uri.getPath();
    Reply r;
    std::optional<Fault> fault;
    try {
        if (path.rfind("/admin/", 0) == 0) {
            std::string body;
            // A POST without a body (curl -X POST) has no length: reading would wait for EOF.
            if (req.hasContentLength() || req.getChunkedTransferEncoding())
                Poco::StreamCopier::copyToString(req.stream(), body);
            r = admin(path, q, body);
        } else if (!s_.token.empty() && req.get("Authorization", "") != "Bearer " + s_.token) {
            r = {401, "{\"error\":\"unauthorized\"}", {}};
        } else {
            s_.count(path.substr(path.rfind('/') + 1));  // every API request, faulty or not
            fault = s_.faults.take(path);
            if (fault && fault->mode == "slow")
                std::this_thread::sleep_for(std::chrono::milliseconds(fault->delay_ms));
            if (fault && fault->mode == "status") r = {fault->status, "{\"error\":\"injected\"}", {}};
            else r = api(path, q);
        }
    } catch (const std::exception& e) {
        r = {400, nlohmann::json({{"error", e.what()}}).dump(), {}};
    }
    send(req, resp, std::move(r), fault);
}

}  // namespace

Poco::Net::HTTPRequestHandler* SimApi::createRequestHandler(const HTTPServerRequest&) {
    return new Handler(state_);
}

}  // namespace gw::tools::eidsim
