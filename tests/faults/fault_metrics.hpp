#pragma once
// GET /metrics of a gateway under test, and the store alarm in it.
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>

#include <cstdint>
#include <sstream>
#include <string>

namespace gw::test {

inline std::string scrape_metrics(uint16_t port) {
    Poco::Net::HTTPClientSession session("127.0.0.1", port);
    Poco::Net::HTTPRequest req(Poco::Net::HTTPRequest::HTTP_GET, "/metrics");
    session.sendRequest(req);
    Poco::Net::HTTPResponse resp;
    std::ostringstream body;
    body << session.receiveResponse(resp).rdbuf();
    return body.str();
}

/// `campusgw_store_writable 1` on /metrics.
inline bool store_writable(uint16_t port) {
    return scrape_metrics(port).find("\ncampusgw_store_writable 1") != std::string::npos;
}

}  // namespace gw::test
