#include "endpoint.hpp"

#include <arpa/inet.h>

#include <charconv>

namespace gw::config::detail {

namespace {

EndpointParse fail(std::string why) { return {std::nullopt, std::move(why)}; }

bool parse_port(std::string_view text, int& port) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
    return ec == std::errc{} && end == text.data() + text.size() && port >= 1 && port <= 65535;
}

/// "host[:port]" or "[v6][:port]" into `out`.
EndpointParse parse_authority(std::string_view text, Endpoint out, bool port_required) {
    std::string_view port_text;
    bool has_port = false;
    if (!text.empty() && text.front() == '[') {
        const size_t close = text.find(']');
        if (close == std::string_view::npos) return fail("unterminated '[' in the host");
        out.host = std::string(text.substr(1, close - 1));
        const std::string_view rest = text.substr(close + 1);
        if (!rest.empty() && rest.front() != ':') return fail("expected ':' after ']'");
        has_port = !rest.empty();
        if (has_port) port_text = rest.substr(1);
    } else {
        const size_t colon = text.find(':');
        out.host = std::string(text.substr(0, colon));
        has_port = colon != std::string_view::npos;
        if (has_port) port_text = text.substr(colon + 1);
    }
    if (out.host.empty()) return fail("the host is empty");
    if (has_port && !parse_port(port_text, out.port)) return fail("the port must be 1..65535");
    if (port_required && !has_port) return fail("expected host:port, like 0.0.0.0:8099");
    return {std::move(out), {}};
}

}  // namespace

bool Endpoint::loopback() const {
    if (host == "localhost" || host == "::1") return true;
    in_addr v4{};
    return host.rfind("127.", 0) == 0 && inet_pton(AF_INET, host.c_str(), &v4) == 1;
}

EndpointParse parse_url(std::string_view url) {
    const size_t sep = url.find("://");
    if (sep == std::string_view::npos || sep == 0) return fail("expected scheme://host");
    Endpoint out;
    out.scheme = std::string(url.substr(0, sep));
    std::string_view rest = url.substr(sep + 3);
    const size_t path_at = rest.find_first_of("/?#");
    if (path_at != std::string_view::npos) {
        out.path = std::string(rest.substr(path_at));
        rest = rest.substr(0, path_at);
    }
    if (rest.find('@') != std::string_view::npos)
        return fail("user info in the URL is not allowed: credentials are read only from files");
    return parse_authority(rest, std::move(out), false);
}

EndpointParse parse_host_port(std::string_view text) {
    return parse_authority(text, Endpoint{}, true);
}

bool is_ip_or_network(std::string_view text) {
    const size_t slash = text.find('/');
    const std::string addr(text.substr(0, slash));
    unsigned char buf[sizeof(in6_addr)];
    const bool v4 = inet_pton(AF_INET, addr.c_str(), buf) == 1;
    const bool v6 = !v4 && inet_pton(AF_INET6, addr.c_str(), buf) == 1;
    if (!v4 && !v6) return false;
    if (slash == std::string_view::npos) return true;
    int prefix = -1;
    const std::string_view p = text.substr(slash + 1);
    const auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), prefix);
    return ec == std::errc{} && end == p.data() + p.size() && prefix >= 0 &&
           prefix <= (v4 ? 32 : 128);
}

}  // namespace gw::config::detail
