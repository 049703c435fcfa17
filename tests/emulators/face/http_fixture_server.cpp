#include "http_fixture_server.hpp"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <sstream>
#include <stdexcept>

namespace gw::test {

std::string FixtureRequest::header(const std::string& name) const {
    for (const auto& [k, v] : headers)
        if (Poco::icompare(k, name) == 0) return v;
    return {};
}

struct HttpFixtureServer::Impl {
    Handler handler;
    std::unique_ptr<Poco::Net::HTTPServer> server;
};

namespace {

class Handler final : public Poco::Net::HTTPRequestHandler {
public:
    explicit Handler(HttpFixtureServer::Handler& h) : h_(h) {}
    void handleRequest(Poco::Net::HTTPServerRequest& req,
                       Poco::Net::HTTPServerResponse& resp) override {
        FixtureRequest r;
        r.method = req.getMethod();
        r.target = req.getURI();
        for (const auto& [k, v] : req) r.headers[k] = v;
        std::ostringstream body;
        Poco::StreamCopier::copyStream(req.stream(), body);
        r.body = body.str();
        const FixtureResponse out = h_(r);
        resp.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(out.status));
        resp.setContentType(out.content_type);
        for (const auto& [k, v] : out.headers) resp.set(k, v);
        resp.setContentLength(static_cast<std::streamsize>(out.body.size()));
        resp.send() << out.body;
    }

private:
    HttpFixtureServer::Handler& h_;
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
public:
    explicit Factory(HttpFixtureServer::Handler& h) : h_(h) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
        return new Handler(h_);
    }

private:
    HttpFixtureServer::Handler& h_;
};

}  // namespace

HttpFixtureServer::HttpFixtureServer(Handler handler, uint16_t port)
    : impl_(std::make_unique<Impl>()), port_(port) {
    impl_->handler = std::move(handler);
    start();
}

HttpFixtureServer::~HttpFixtureServer() { stop(); }

void HttpFixtureServer::start() {
    if (impl_->server) return;
    try {
        Poco::Net::ServerSocket socket;
        socket.bind(Poco::Net::SocketAddress("127.0.0.1", port_), true);
        socket.listen(32);
        port_ = socket.address().port();
        auto params = new Poco::Net::HTTPServerParams;
        params->setMaxThreads(4);
        params->setKeepAlive(false);
        impl_->server = std::make_unique<Poco::Net::HTTPServer>(new Factory(impl_->handler), socket, params);
        impl_->server->start();
    } catch (const Poco::Exception& e) {
        throw std::runtime_error("fixture server: " + e.displayText());
    }
}

void HttpFixtureServer::stop() {
    if (!impl_->server) return;
    impl_->server->stopAll(true);
    impl_->server.reset();
}

std::pair<int, std::string> http_call(const std::string& method, const std::string& url,
                                      const std::string& content_type, const std::string& body,
                                      const std::map<std::string, std::string>& headers) {
    Poco::URI uri(url);
    Poco::Net::HTTPClientSession s(uri.getHost(), uri.getPort());
    s.setTimeout(Poco::Timespan(5, 0));
    Poco::Net::HTTPRequest req(method, uri.getPathAndQuery(), Poco::Net::HTTPRequest::HTTP_1_1);
    if (!content_type.empty()) req.setContentType(content_type);
    for (const auto& [k, v] : headers) req.set(k, v);
    req.setContentLength(static_cast<std::streamsize>(body.size()));
    s.sendRequest(req) << body;
    Poco::Net::HTTPResponse resp;
    std::ostringstream out;
    Poco::StreamCopier::copyStream(s.receiveResponse(resp), out);
    return {static_cast<int>(resp.getStatus()), out.str()};
}

}  // namespace gw::test
