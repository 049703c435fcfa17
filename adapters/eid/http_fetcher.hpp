#pragma once
// HttpFetcher: GET requests to the e-ID system (eid-sync-v1 §1) over POCO Net/NetSSL.
//
// - https:// with TLS 1.2+, the server certificate verified against `ca_file` (or the
//   system CAs when empty) and its host name checked; plain http:// only to a loopback
//   host (refused otherwise), with a warning logged once.
// - Authentication: a bearer token (the secret itself, read from its file by the caller)
//   and/or a client certificate and key (files).
// - Sends `Accept-Encoding: gzip` and inflates gzip bodies; a body shorter than its
//   Content-Length is an error (Truncated), never a short page.
// - `timeout` bounds connecting and every read; the keep-alive connection is reused for
//   the pages of one sync and dropped after any error.
// Non-2xx answers are errors: 401/403 → Unauthorized, others → HttpStatus (the status in
// the context). A new TLS connection closed or reset before any answer, or a TLS alert from
// the server about a certificate, is Tls with a hint at the client certificate (how a TLS
// 1.3 server refuses a missing or foreign one). No
// POCO type or exception leaves this class.
//
// Thread-safety: none (one sync thread). Blocking: each get() blocks up to about
// `timeout` per network read.
#include <chrono>
#include <memory>
#include <string>

#include "gateway/core/result.hpp"

namespace gw::adp::eid {

struct HttpOptions {
    std::string base_url;  // https://host[:port][/prefix]
    std::string ca_file;   // PEM CA bundle; empty: the system's CAs
    std::string cert_file; // client certificate (PEM), with key_file
    std::string key_file;
    std::string token;     // bearer token (secret: never logged)
    std::chrono::milliseconds timeout{30000};
    size_t max_body = 64u << 20;  // after inflating
};

struct HttpResponse {
    int status = 0;
    std::string body;               // inflated
    std::string content_signature;  // the Content-Signature header, if any
};

class HttpFetcher {
public:
    /// Validates the URL and builds the TLS context (reads the CA and client files).
    static core::Result<std::unique_ptr<HttpFetcher>> create(HttpOptions options);
    ~HttpFetcher();
    HttpFetcher(const HttpFetcher&) = delete;
    HttpFetcher& operator=(const HttpFetcher&) = delete;

    /// GET base path + `path_and_query` ("/v1/trustlist").
    core::Result<HttpResponse> get(const std::string& path_and_query);
    /// Drops the kept-alive connection (after an error, or before a long idle time).
    void disconnect();
    /// From any thread: shuts the connection in use down, so a get() in progress fails at
    /// once (Transport) instead of waiting for its timeout. For a fast shutdown.
    void abort();

private:
    struct Impl;
    explicit HttpFetcher(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace gw::adp::eid
