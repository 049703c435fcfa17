// [mqtt] and [eid]: where the gateway connects; [qr]: offline e-ID QR checks; [requests] and
// [metrics]: who may reach it. Plain-text transports are allowed only to this machine (a local
// broker or simulator); anything crossing the network must use TLS.
#include <array>

#include "duration.hpp"
#include "endpoint.hpp"
#include "key_rules.hpp"
#include "sections.hpp"

namespace gw::config::detail {

namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

/// Parses `url` and reports why it is unusable: a scheme other than `tls` or `plain`, or
/// `plain` to a host that is not this machine.
std::optional<Endpoint> checked_url(const Field& f, const std::string& url,
                                    std::string_view tls, std::string_view plain) {
    const std::string example = std::string(tls) + "://host[:port]";
    auto p = parse_url(url);
    if (!p.endpoint) {
        f.fail("bad URL \"" + url + "\": " + p.error + "; expected " + example);
        return std::nullopt;
    }
    if (p.endpoint->scheme != tls && p.endpoint->scheme != plain) {
        f.fail("the scheme must be " + std::string(tls) + ":// (TLS) or " + std::string(plain) +
               ":// (this machine only), got \"" + p.endpoint->scheme + "://\"");
        return std::nullopt;
    }
    if (p.endpoint->scheme == plain && !p.endpoint->loopback()) {
        f.fail("plain " + std::string(plain) + ":// is allowed only to this machine " +
               "(127.0.0.1, ::1, localhost); use " + std::string(tls) + ":// for \"" +
               p.endpoint->host + "\"");
        return std::nullopt;
    }
    return p.endpoint;
}

void read_broker_url(const Field& f, MqttConfig& m) {
    std::string url;
    if (!f.nonempty(url)) return;
    auto ep = checked_url(f, url, "mqtts", "mqtt");
    if (!ep) return;
    if (!ep->path.empty() && ep->path != "/") {
        f.fail("a broker URL has no path or query: expected mqtts://host[:port]");
        return;
    }
    m.url = url;
}

void read_reconnect(const Field& f, milliseconds& out) {
    f.duration(out, milliseconds(10), milliseconds(3'600'000));
}

constexpr auto kMqtt = std::to_array<KeyRule<MqttConfig>>({
    {"url", false, read_broker_url},
    {"ca_file", false, [](const Field& f, MqttConfig& m) { f.file(m.ca_file); }},
    {"cert_file", false, [](const Field& f, MqttConfig& m) { f.file(m.cert_file); }},
    {"key_file", false, [](const Field& f, MqttConfig& m) { f.file(m.key_file); }},
    {"username", false, [](const Field& f, MqttConfig& m) { f.nonempty(m.username); }},
    {"password_file", false, [](const Field& f, MqttConfig& m) { f.file(m.password_file); }},
    {"client_id", false, [](const Field& f, MqttConfig& m) { f.nonempty(m.client_id); }},
    {"keepalive", false,
     [](const Field& f, MqttConfig& m) {
         int64_t s = 0;
         if (f.whole_duration(s, seconds(1), seconds(5), seconds(65535)))
             m.keepalive = seconds(s);
     }},
    {"max_inflight", false,
     [](const Field& f, MqttConfig& m) {
         int64_t n = 0;
         if (f.integer(n, 1, 65535)) m.max_inflight = static_cast<int>(n);
     }},
    {"reconnect_min", false, [](const Field& f, MqttConfig& m) { read_reconnect(f, m.reconnect_min); }},
    {"reconnect_max", false, [](const Field& f, MqttConfig& m) { read_reconnect(f, m.reconnect_max); }},
});

void read_eid_url(const Field& f, EidConfig& e) {
    std::string url;
    if (f.nonempty(url) && checked_url(f, url, "https", "http")) e.url = url;
}

constexpr auto kEid = std::to_array<KeyRule<EidConfig>>({
    {"url", true, read_eid_url},
    {"token_file", false, [](const Field& f, EidConfig& e) { f.file(e.token_file); }},
    {"ca_file", false, [](const Field& f, EidConfig& e) { f.file(e.ca_file); }},
    {"cert_file", false, [](const Field& f, EidConfig& e) { f.file(e.cert_file); }},
    {"key_file", false, [](const Field& f, EidConfig& e) { f.file(e.key_file); }},
    {"trust_root", false, [](const Field& f, EidConfig& e) { f.file(e.trust_root); }},
    {"poll_interval", false,
     [](const Field& f, EidConfig& e) {
         int64_t s = 0;
         if (f.whole_duration(s, seconds(1), seconds(1), seconds(86400)))
             e.poll_interval = seconds(s);
     }},
    {"timeout", false,
     [](const Field& f, EidConfig& e) { f.duration(e.timeout, milliseconds(100), milliseconds(300000)); }},
    {"page_limit", false,
     [](const Field& f, EidConfig& e) {
         int64_t n = 0;
         if (f.integer(n, 1, 100000)) e.page_limit = static_cast<int>(n);
     }},
});

constexpr auto kRequests = std::to_array<KeyRule<RequestsConfig>>({
    {"door_key_file", false, [](const Field& f, RequestsConfig& r) { f.file(r.door_key_file); }},
});

constexpr auto kQr = std::to_array<KeyRule<QrConfig>>({
    {"skew", false,
     [](const Field& f, QrConfig& q) {
         int64_t s = 0;
         if (f.whole_duration(s, seconds(1), seconds(0), seconds(600))) q.skew = seconds(s);
     }},
    {"window", false,
     [](const Field& f, QrConfig& q) {
         int64_t n = 0;
         if (f.integer(n, 0, 10)) q.window = static_cast<int>(n);
     }},
});

/// "" (off) or a "host:port" to listen on.
void read_metrics_listen(const Field& f, MetricsConfig& m) {
    std::string text;
    if (!f.text(text)) return;
    if (!text.empty()) {
        auto p = parse_host_port(text);
        if (!p.endpoint) {
            f.fail("bad listen address \"" + text + "\": " + p.error +
                   "; expected \"127.0.0.1:9464\", or \"\" to turn metrics off");
            return;
        }
    }
    m.listen = text;
}

constexpr auto kMetrics = std::to_array<KeyRule<MetricsConfig>>({
    {"listen", false, read_metrics_listen},
});

/// A client certificate is useless without its private key, and the other way round.
void check_key_pair(const TableView& t, Diagnostics& diag) {
    const Entry* cert = t.find("cert_file");
    const Entry* key = t.find("key_file");
    if (cert && !key)
        diag.at(*cert->key_at, t.key_path("cert_file"),
                "a client certificate needs its private key: set key_file too");
    if (key && !cert)
        diag.at(*key->key_at, t.key_path("key_file"),
                "a private key needs its client certificate: set cert_file too");
}

void check_reconnect(const TableView& t, const MqttConfig& m, Diagnostics& diag) {
    if (m.reconnect_min <= m.reconnect_max) return;
    const Entry* at = t.find("reconnect_min") ? t.find("reconnect_min") : t.find("reconnect_max");
    if (at)
        diag.at(*at->value, t.key_path(at->key),
                "reconnect_min (" + format_duration(m.reconnect_min) +
                    ") must not exceed reconnect_max (" + format_duration(m.reconnect_max) +
                    ")");
}

}  // namespace

void read_mqtt(const TableView& t, MqttConfig& out, Diagnostics& d) {
    apply_rules<MqttConfig>(t, kMqtt, out, d);
    check_key_pair(t, d);
    check_reconnect(t, out, d);
}

void read_eid(const TableView& t, EidConfig& out, Diagnostics& d) {
    out.enabled = true;
    apply_rules<EidConfig>(t, kEid, out, d);
    check_key_pair(t, d);
}

void read_requests(const TableView& t, RequestsConfig& out, Diagnostics& d) {
    apply_rules<RequestsConfig>(t, kRequests, out, d);
}

void read_qr(const TableView& t, QrConfig& out, Diagnostics& d) {
    apply_rules<QrConfig>(t, kQr, out, d);
}

void read_metrics(const TableView& t, MetricsConfig& out, Diagnostics& d) {
    apply_rules<MetricsConfig>(t, kMetrics, out, d);
}

}  // namespace gw::config::detail
