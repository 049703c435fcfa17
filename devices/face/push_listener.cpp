#include "push_listener.hpp"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

#include <bit>
#include <istream>
#include <mutex>
#include <random>

#include "address_allowlist.hpp"
#include "bounded_read.hpp"
#include "digest_auth.hpp"
#include "gateway/core/log.hpp"

namespace gw::dev::face {

namespace {
constexpr const char* kRealm = "campusgw";

std::string random_nonce() {
    std::random_device rd;
    std::string n;
    static constexpr char kHex[] = "0123456789abcdef";
    for (int i = 0; i < 32; ++i) n.push_back(kHex[rd() & 0xF]);
    return n;
}
}  // namespace

struct PushListener::Impl {
    PushListenerOptions opts;
    Handler handler;
    AddressAllowlist allow;
    std::string nonce = random_nonce();
    std::unique_ptr<Poco::Net::HTTPServer> server;
    uint16_t port = 0;
    std::atomic<uint64_t> accepted{0}, challenged{0}, source{0}, auth{0}, path{0}, size{0},
        malformed{0};

    Impl(PushListenerOptions o, Handler h)
        : opts(std::move(o)), handler(std::move(h)), allow(opts.allow_from) {}

    void refused(std::atomic<uint64_t>& counter, const char* what, const std::string& peer) {
        const uint64_t n = ++counter;
        if (std::has_single_bit(n))
            GW_LOG(Warning, opts.channel, core::LogLine("push refused").kv("why", what)
                                              .kv("peer", peer).kv("count", static_cast<long long>(n)));
    }

    void serve(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& resp);
    bool authorised(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& resp,
                    const std::string& peer);
};

namespace {

void answer(Poco::Net::HTTPServerResponse& resp, const PushReply& r) {
    resp.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(r.status));
    resp.setContentType(r.content_type);
    resp.setContentLength(static_cast<std::streamsize>(r.body.size()));
    resp.send() << r.body;
}

class Handler final : public Poco::Net::HTTPRequestHandler {
public:
    explicit Handler(PushListener::Impl& impl) : impl_(impl) {}
    void handleRequest(Poco::Net::HTTPServerRequest& req,
                       Poco::Net::HTTPServerResponse& resp) override {
        impl_.serve(req, resp);
    }

private:
    PushListener::Impl& impl_;
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
public:
    explicit Factory(PushListener::Impl& impl) : impl_(impl) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest&) override {
        return new Handler(impl_);
    }

private:
    PushListener::Impl& impl_;
};
}  // namespace

bool PushListener::Impl::authorised(Poco::Net::HTTPServerRequest& req,
                                    Poco::Net::HTTPServerResponse& resp, const std::string& peer) {
    if (opts.digest_user.empty()) return true;
    const auto header = req.get("Authorization", "");
    if (digest_valid(header, req.getMethod(), req.getURI(), kRealm, nonce, opts.digest_user,
                     opts.digest_password))
        return true;
    if (header.empty()) ++challenged;
    else refused(auth, "bad credentials", peer);
    resp.set("WWW-Authenticate", digest_challenge(kRealm, nonce));
    answer(resp, {401, "text/plain", "Unauthorized"});
    return false;
}

void PushListener::Impl::serve(Poco::Net::HTTPServerRequest& req,
                               Poco::Net::HTTPServerResponse& resp) {
    const std::string peer = req.clientAddress().host().toString();
    if (!allow.allows(peer)) {
        refused(source, "address not allowed", peer);
        return answer(resp, {403, "text/plain", "Forbidden"});
    }
    if (!authorised(req, resp, peer)) return;
    PushRequest r;
    const auto& uri = req.getURI();
    const auto q = uri.find('?');
    r.path = uri.substr(0, q);
    r.query = q == std::string::npos ? std::string() : uri.substr(q + 1);
    if (r.path.rfind(opts.path_prefix, 0) != 0) {
        refused(path, "unknown path", peer);
        return answer(resp, {404, "text/plain", "Not Found"});
    }
    const bool declared_too_large = req.hasContentLength() &&
                                    req.getContentLength64() > static_cast<int64_t>(opts.max_body);
    if (declared_too_large || !read_bounded(req.stream(), opts.max_body, r.body)) {
        refused(size, "body too large", peer);
        return answer(resp, {413, "text/plain", "Payload Too Large"});
    }
    r.method = req.getMethod();
    r.peer = peer;
    r.content_type = req.getContentType();
    const PushReply reply = handler(r);
    if (reply.status >= 400) refused(malformed, "malformed request", peer);
    else ++accepted;
    answer(resp, reply);
}

PushListener::PushListener(PushListenerOptions options, Handler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}

PushListener::~PushListener() { stop(); }

core::Status PushListener::start() {
    try {
        Poco::Net::ServerSocket socket;
        socket.bind(Poco::Net::SocketAddress(impl_->opts.listen), true);
        socket.listen(64);
        impl_->port = socket.address().port();
        auto params = new Poco::Net::HTTPServerParams;
        params->setMaxThreads(impl_->opts.threads);
        params->setKeepAlive(true);
        params->setTimeout(Poco::Timespan(10, 0));
        impl_->server = std::make_unique<Poco::Net::HTTPServer>(new Factory(*impl_), socket, params);
        impl_->server->start();
    } catch (const Poco::Exception& e) {
        return core::make_error(std::errc::address_not_available,
                                "listen " + impl_->opts.listen + ": " + e.displayText());
    }
    return core::Ok{};
}

void PushListener::stop() {
    if (!impl_ || !impl_->server) return;
    impl_->server->stopAll(true);
    impl_->server.reset();
}

PushCounters PushListener::counters() const {
    PushCounters c;  // by name: the struct's order is not the order of the atomics
    c.accepted = impl_->accepted.load();
    c.refused_source = impl_->source.load();
    c.challenged = impl_->challenged.load();
    c.refused_auth = impl_->auth.load();
    c.refused_path = impl_->path.load();
    c.refused_size = impl_->size.load();
    c.refused_malformed = impl_->malformed.load();
    return c;
}

void append_refusals(const PushCounters& c, std::vector<core::DeviceCounter>& out) {
    out.push_back({"push_unauthorized", c.refused_auth});
    out.push_back({"push_forbidden", c.refused_source});
    out.push_back({"push_too_large", c.refused_size});
    out.push_back({"push_unknown_path", c.refused_path});
    out.push_back({"push_malformed", c.refused_malformed});
}

uint16_t PushListener::port() const { return impl_->port; }

}  // namespace gw::dev::face
