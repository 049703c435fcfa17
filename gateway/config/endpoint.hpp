#pragma once
// Endpoint: the parts of a URL or "host:port" the validator checks (scheme, host, port,
// path). Pure string handling; no name resolution, no sockets.
#include <optional>
#include <string>
#include <string_view>

namespace gw::config::detail {

struct Endpoint {
    std::string scheme;  // "mqtts", "https"; empty for a "host:port"
    std::string host;    // an IPv6 literal without its brackets
    int port = 0;        // 0 when not given
    std::string path;    // "" or starting with '/', query included

    /// localhost, 127.0.0.0/8 or ::1: traffic that never leaves the machine.
    bool loopback() const;
};

struct EndpointParse {
    std::optional<Endpoint> endpoint;
    std::string error;  // why not, when endpoint is empty
};

/// "scheme://host[:port][/path]". User info ("user:pw@") is refused: credentials never go
/// into a URL in this config.
EndpointParse parse_url(std::string_view url);

/// "host:port" or "[v6]:port", port required (a listen address).
EndpointParse parse_host_port(std::string_view text);

/// An IPv4 or IPv6 address, optionally with a "/prefix" (a network).
bool is_ip_or_network(std::string_view text);

}  // namespace gw::config::detail
