#include "http_client.hpp"

#include "bounded_read.hpp"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPDigestCredentials.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/URI.h>

#include <istream>
#include <ostream>

namespace gw::dev::face {

namespace {

using Poco::Net::HTTPRequest;
using Poco::Net::HTTPResponse;

std::unique_ptr<Poco::Net::HTTPClientSession> make_session(const Poco::URI& uri,
                                                           std::chrono::milliseconds timeout) {
    std::unique_ptr<Poco::Net::HTTPClientSession> s;
    if (uri.getScheme() == "https") {
        Poco::Net::Context::Ptr ctx = new Poco::Net::Context(
            Poco::Net::Context::TLS_CLIENT_USE, "", Poco::Net::Context::VERIFY_STRICT, 9, true);
        s = std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(), ctx);
    } else {
        s = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
    }
    s->setTimeout(Poco::Timespan(static_cast<long>(timeout.count() / 1000),
                                 static_cast<long>((timeout.count() % 1000) * 1000)));
    return s;
}

core::Error transport(const std::string& what, const Poco::Exception& e) {
    return core::make_error(std::errc::io_error, what + ": " + e.displayText());
}
}  // namespace

struct HttpClient::Impl {
    HttpClientOptions opts;
    Poco::URI base;
    std::unique_ptr<Poco::Net::HTTPClientSession> session;
    Poco::Net::HTTPDigestCredentials creds;
    bool have_challenge = false;

    explicit Impl(HttpClientOptions o)
        : opts(std::move(o)), base(opts.base_url), creds(opts.username, opts.password) {}

    core::Result<HttpResponse> once(const std::string& method, const std::string& target,
                                    const std::string& type, const std::string& body,
                                    HTTPResponse& resp) {
        if (!session) session = make_session(base, opts.timeout);
        HTTPRequest req(method, target, HTTPRequest::HTTP_1_1);
        if (!type.empty()) req.setContentType(type);
        req.setContentLength(static_cast<std::streamsize>(body.size()));
        if (have_challenge) creds.updateAuthInfo(req);
        session->sendRequest(req) << body;
        HttpResponse out;
        auto& in = session->receiveResponse(resp);
        out.status = static_cast<int>(resp.getStatus());
        out.content_type = resp.getContentType();
        if (!read_bounded(in, opts.max_response, out.body)) {
            session.reset();
            return core::make_error(std::errc::file_too_large, method + " " + target);
        }
        if (out.status == 401 && !opts.username.empty()) {
            creds.authenticate(req, resp);
            have_challenge = true;
        }
        return out;
    }
};

HttpClient::HttpClient(HttpClientOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}

HttpClient::~HttpClient() = default;

core::Result<HttpResponse> HttpClient::request(const std::string& method,
                                               const std::string& target,
                                               const std::string& content_type,
                                               const std::string& body) {
    try {
        for (int attempt = 0; attempt < 2; ++attempt) {
            HTTPResponse resp;
            auto r = impl_->once(method, target, content_type, body, resp);
            // A 401 to an unauthenticated (or stale-nonce) request is answered once.
            if (!r || r->status != 401 || attempt == 1 || impl_->opts.username.empty())
                return r;
        }
        return core::make_error(std::errc::permission_denied, method + " " + target);
    } catch (const Poco::Exception& e) {
        impl_->session.reset();
        return transport(method + " " + target, e);
    }
}

core::Result<HttpResponse> HttpClient::fetch(const std::string& url, size_t max_bytes,
                                             const std::string& bearer,
                                             std::chrono::milliseconds timeout) {
    try {
        Poco::URI uri(url);
        if (uri.getScheme() != "http" && uri.getScheme() != "https")
            return core::make_error(std::errc::invalid_argument, "not an http(s) URL");
        auto session = make_session(uri, timeout);
        HTTPRequest req(HTTPRequest::HTTP_GET, uri.getPathAndQuery(), HTTPRequest::HTTP_1_1);
        if (!bearer.empty()) req.set("Authorization", "Bearer " + bearer);
        session->sendRequest(req);
        HTTPResponse resp;
        auto& in = session->receiveResponse(resp);
        HttpResponse out;
        out.status = static_cast<int>(resp.getStatus());
        out.content_type = resp.getContentType();
        if (!read_bounded(in, max_bytes, out.body))
            return core::make_error(std::errc::file_too_large, "response larger than the limit");
        return out;
    } catch (const Poco::Exception& e) {
        return transport("GET", e);
    }
}

}  // namespace gw::dev::face
