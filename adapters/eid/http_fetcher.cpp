// POCO stays inside this file: exceptions are caught here and become EidErrc values.
#include "http_fetcher.hpp"

#include <Poco/Exception.h>
#include <Poco/InflatingStream.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/URI.h>

#include <sys/socket.h>

#include <istream>
#include <mutex>
#include <Poco/Net/StreamSocket.h>
#include <sstream>

#include "eid_error.hpp"
#include "gateway/core/log.hpp"

namespace gw::adp::eid {
namespace {

const char* kChan = "adp.eid";

core::Error err(EidErrc e, std::string context) {
    return core::Error{make_error_code(e), std::move(context)};
}

bool loopback(const std::string& host) {
    return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

/// Reads `in` to its end, at most `cap` bytes (TooLarge beyond).
core::Result<std::string> read_all(std::istream& in, size_t cap, const std::string& what) {
    std::string out;
    char buf[16384];
    while (in) {
        in.read(buf, sizeof buf);
        out.append(buf, static_cast<size_t>(in.gcount()));
        if (out.size() > cap) return err(EidErrc::TooLarge, what);
    }
    return out;
}

core::Result<std::string> inflate(const std::string& raw, size_t cap, const std::string& what) {
    std::istringstream src(raw);
    Poco::InflatingInputStream gz(src, Poco::InflatingStreamBuf::STREAM_GZIP);
    return read_all(gz, cap, what);
}

}  // namespace

struct HttpFetcher::Impl {
    HttpOptions o;
    bool tls = false;
    std::string host;
    uint16_t port = 0;
    std::string prefix;  // path of the base URL without a trailing '/'
    Poco::Net::Context::Ptr context;
    std::unique_ptr<Poco::Net::HTTPClientSession> session;
    std::mutex session_mutex;  // guards creating and dropping `session` against abort()
    bool aborted = false;

    void drop() {
        std::lock_guard lock(session_mutex);
        session.reset();
    }

    Poco::Net::HTTPClientSession& connection() {
        std::lock_guard lock(session_mutex);
        if (aborted) throw Poco::IOException("e-ID client stopped");
        if (!session) {
            if (tls) session = std::make_unique<Poco::Net::HTTPSClientSession>(host, port, context);
            else session = std::make_unique<Poco::Net::HTTPClientSession>(host, port);
            session->setTimeout(Poco::Timespan(o.timeout.count() * 1000));
            session->setKeepAlive(true);
        }
        return *session;
    }

    core::Result<HttpResponse> exchange(const std::string& target);
    core::Result<HttpResponse> get(const std::string& path_and_query);
};

core::Result<HttpResponse> HttpFetcher::Impl::exchange(const std::string& target) {
    Poco::Net::HTTPRequest req(Poco::Net::HTTPRequest::HTTP_GET, target,
                               Poco::Net::HTTPMessage::HTTP_1_1);
    req.set("Accept", "application/json");
    req.set("Accept-Encoding", "gzip");
    if (!o.token.empty()) req.setCredentials("Bearer", o.token);
    auto& s = connection();
    s.sendRequest(req);
    Poco::Net::HTTPResponse resp;
    std::istream& body = s.receiveResponse(resp);
    const std::string what = "GET " + target;
    auto raw = read_all(body, o.max_body, what);
    if (!raw) return raw.error();
    if (resp.hasContentLength() &&
        static_cast<int64_t>(raw->size()) != resp.getContentLength64())
        return err(EidErrc::Truncated, what + ": " + std::to_string(raw->size()) + " of " +
                                           std::to_string(resp.getContentLength64()) + " bytes");
    HttpResponse r;
    r.status = static_cast<int>(resp.getStatus());
    if (r.status == 401 || r.status == 403)
        return err(EidErrc::Unauthorized, what + " -> " + std::to_string(r.status));
    if (r.status < 200 || r.status > 299)
        return err(EidErrc::HttpStatus, what + " -> " + std::to_string(r.status));
    r.content_signature = resp.get("Content-Signature", "");
    if (resp.get("Content-Encoding", "") == "gzip") {
        auto plain = inflate(raw.value(), o.max_body, what);
        if (!plain) return plain.error();
        r.body = std::move(plain.value());
    } else {
        r.body = std::move(raw.value());
    }
    return r;
}

namespace {

/// A fresh TLS connection closed or reset before any answer: with TLS 1.3 a server that
/// refuses the client certificate (missing, or not signed by the CA it trusts) says so only
/// after the client's handshake ended, by closing; name the likely cause for the operator.
core::Error closed_without_answer(bool fresh_tls, const std::string& target,
                                  const Poco::Exception& e) {
    if (!fresh_tls) return err(EidErrc::Transport, "GET " + target + ": " + e.displayText());
    return err(EidErrc::Tls, "GET " + target + ": the e-ID system closed the TLS connection "
                             "without answering (" + e.displayText() + "); if it requires a "
                             "client certificate, check [eid] cert_file / key_file");
}

/// An alert the server sent about a certificate concerns ours (our check of the server's
/// certificate fails with "certificate verify failed", no alert).
core::Error tls_error(const std::string& target, const std::string& text) {
    const bool about_ours = text.find("alert") != std::string::npos &&
                            (text.find("certificate") != std::string::npos ||
                             text.find("unknown ca") != std::string::npos);
    if (!about_ours) return err(EidErrc::Tls, "GET " + target + ": " + text);
    return err(EidErrc::Tls, "GET " + target + ": the e-ID system refused this gateway's client "
                             "certificate (" + text + "); check [eid] cert_file / key_file");
}

}  // namespace

core::Result<HttpResponse> HttpFetcher::Impl::get(const std::string& path_and_query) {
    const std::string target = prefix + path_and_query;
    bool fresh_tls = false;
    {
        std::lock_guard lock(session_mutex);
        fresh_tls = tls && !session;
    }
    try {
        auto r = exchange(target);
        if (!r) drop();
        return r;
    } catch (const Poco::Net::ConnectionResetException& e) {
        drop();
        return closed_without_answer(fresh_tls, target, e);
    } catch (const Poco::Net::NoMessageException& e) {
        drop();
        return closed_without_answer(fresh_tls, target, e);
    } catch (const Poco::TimeoutException&) {
        drop();
        return err(EidErrc::Timeout, "GET " + target);
    } catch (const Poco::Net::SSLException& e) {
        drop();
        return tls_error(target, e.displayText());
    } catch (const Poco::Exception& e) {
        drop();
        // A gzip stream cut short surfaces as an IOException from the inflater.
        return err(EidErrc::Transport, "GET " + target + ": " + e.displayText());
    } catch (const std::exception& e) {
        drop();
        return err(EidErrc::Transport, "GET " + target + ": " + e.what());
    }
}

HttpFetcher::HttpFetcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpFetcher::~HttpFetcher() = default;

core::Result<std::unique_ptr<HttpFetcher>> HttpFetcher::create(HttpOptions options) {
    static std::once_flag ssl_once;
    std::call_once(ssl_once, [] { Poco::Net::initializeSSL(); });
    auto impl = std::make_unique<Impl>();
    try {
        Poco::URI uri(options.base_url);
        impl->tls = uri.getScheme() == "https";
        if (!impl->tls && uri.getScheme() != "http")
            return err(EidErrc::BadUrl, "scheme must be https (or http to this machine)");
        impl->host = uri.getHost();
        impl->port = uri.getPort();
        if (!impl->tls && !loopback(impl->host))
            return err(EidErrc::BadUrl, "plain http is allowed only to a loopback host");
        impl->prefix = uri.getPath();
        while (!impl->prefix.empty() && impl->prefix.back() == '/') impl->prefix.pop_back();
        if (impl->tls) {
            Poco::Net::Context::Params p;
            p.caLocation = options.ca_file;
            p.loadDefaultCAs = options.ca_file.empty();
            p.certificateFile = options.cert_file;
            p.privateKeyFile = options.key_file;
            p.verificationMode = Poco::Net::Context::VERIFY_RELAXED;  // verify the server
            p.cipherList = "HIGH:!aNULL:!MD5:!RC4";
            impl->context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, p);
            impl->context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
        } else {
            GW_LOG(Warning, kChan, core::LogLine("plain http to the e-ID system (loopback only); "
                                                 "use https in production")
                                       .kv("host", impl->host));
        }
    } catch (const Poco::Exception& e) {
        return err(EidErrc::Tls, "e-ID client setup: " + e.displayText());
    }
    impl->o = std::move(options);
    return std::unique_ptr<HttpFetcher>(new HttpFetcher(std::move(impl)));
}

core::Result<HttpResponse> HttpFetcher::get(const std::string& path_and_query) {
    return impl_->get(path_and_query);
}

void HttpFetcher::disconnect() { impl_->drop(); }

void HttpFetcher::abort() {
    std::lock_guard lock(impl_->session_mutex);
    impl_->aborted = true;
    if (!impl_->session) return;
    // The raw shutdown(2), not the socket's own: a TLS shutdown would write on an SSL
    // object the sync thread is reading from. The descriptor stays open until then.
    const auto fd = impl_->session->socket().impl()->sockfd();
    if (fd != POCO_INVALID_SOCKET) ::shutdown(fd, SHUT_RDWR);
}

}  // namespace gw::adp::eid
