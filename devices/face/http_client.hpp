#pragma once
// HttpClient: requests to one terminal's web API (ISAPI) with HTTP Digest auth (MD5,
// qop=auth), over http:// or https:// (system CAs). The first request takes the 401
// challenge and answers it; later ones reuse it until the terminal sends a new one.
// Also fetch(): a plain GET of an absolute URL with a size cap (enrolment photos).
// Blocking, with a timeout per request; not thread-safe (one worker thread owns it).
// Transport failures are errors; any HTTP status is a response.
#include <chrono>
#include <memory>
#include <string>

#include "gateway/core/result.hpp"

namespace gw::dev::face {

struct HttpResponse {
    int status = 0;
    std::string content_type;
    std::string body;
};

struct HttpClientOptions {
    std::string base_url;  // scheme://host[:port]
    std::string username;
    std::string password;
    std::chrono::milliseconds timeout{5000};
    size_t max_response = 4 * 1024 * 1024;
};

class HttpClient {
public:
    explicit HttpClient(HttpClientOptions options);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    core::Result<HttpResponse> request(const std::string& method, const std::string& target,
                                       const std::string& content_type = {},
                                       const std::string& body = {});

    /// GET `url` (absolute); `bearer` adds an Authorization header when not empty. Bodies
    /// longer than `max_bytes` are an error (EFBIG).
    static core::Result<HttpResponse> fetch(const std::string& url, size_t max_bytes,
                                            const std::string& bearer,
                                            std::chrono::milliseconds timeout);

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace gw::dev::face
