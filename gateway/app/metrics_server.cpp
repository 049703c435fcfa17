#include "metrics_server.hpp"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>

namespace gw::app {
namespace {

using Poco::Net::HTTPResponse;

class MetricsHandler final : public Poco::Net::HTTPRequestHandler {
public:
    explicit MetricsHandler(const MetricsServer::Scrape& scrape) : scrape_(scrape) {}

    void handleRequest(Poco::Net::HTTPServerRequest& req,
                       Poco::Net::HTTPServerResponse& resp) override {
        if (req.getURI() != "/metrics") return send(resp, HTTPResponse::HTTP_NOT_FOUND, "not found\n");
        if (req.getMethod() != "GET" && req.getMethod() != "HEAD")
            return send(resp, HTTPResponse::HTTP_METHOD_NOT_ALLOWED, "GET only\n");
        auto text = scrape_();
        if (!text) return send(resp, HTTPResponse::HTTP_SERVICE_UNAVAILABLE, "core loop busy\n");
        resp.setContentType("text/plain; version=0.0.4; charset=utf-8");
        send(resp, HTTPResponse::HTTP_OK, *text);
    }

private:
    static void send(Poco::Net::HTTPServerResponse& resp, HTTPResponse::HTTPStatus status,
                     const std::string& body) {
        resp.setStatus(status);
        if (resp.getContentType() == HTTPResponse::UNKNOWN_CONTENT_TYPE)
            resp.setContentType("text/plain; charset=utf-8");
        resp.setContentLength(static_cast<std::streamsize>(body.size()));
        resp.send() << body;
    }

    const MetricsServer::Scrape& scrape_;
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
public:
    explicit Factory(const MetricsServer::Scrape& scrape) : scrape_(scrape) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest&) override {
        return new MetricsHandler(scrape_);
    }

private:
    const MetricsServer::Scrape& scrape_;
};

}  // namespace

struct MetricsServer::Impl {
    std::string listen;
    Scrape scrape;
    std::unique_ptr<Poco::Net::HTTPServer> server;
};

MetricsServer::MetricsServer(std::string listen, Scrape scrape)
    : impl_(std::make_unique<Impl>(Impl{std::move(listen), std::move(scrape), nullptr})) {}

MetricsServer::~MetricsServer() { stop(); }

core::Status MetricsServer::start() {
    try {
        // SO_REUSEADDR (restart while old connections linger) but not SO_REUSEPORT: a
        // second gateway on the same port must fail here, not share scrapes at random.
        Poco::Net::ServerSocket socket;
        socket.bind(Poco::Net::SocketAddress(impl_->listen), true, false);
        socket.listen(16);
        auto params = new Poco::Net::HTTPServerParams;
        params->setMaxThreads(2);
        params->setMaxQueued(16);
        params->setKeepAlive(false);
        impl_->server = std::make_unique<Poco::Net::HTTPServer>(new Factory(impl_->scrape),
                                                                socket, params);
        impl_->server->start();
    } catch (const Poco::Exception& e) {
        return core::make_error(std::errc::address_not_available,
                                "[metrics] listen " + impl_->listen + ": " + e.displayText());
    }
    return core::Ok{};
}

void MetricsServer::stop() {
    if (!impl_->server) return;
    impl_->server->stopAll(true);
    impl_->server.reset();
}

}  // namespace gw::app
