#include "mqtt_client.hpp"

#include <mosquitto.h>
#include <poll.h>

#include <atomic>
#include <cerrno>
#include <climits>
#include <deque>
#include <mutex>
#include <random>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "broker_url.hpp"
#include "gateway/core/backoff.hpp"
#include "mosquitto_rc.hpp"
#include "mqtt_error.hpp"
#include "tcp_cork.hpp"
#include "wake_fd.hpp"

namespace gw::adp::mqtt {
namespace {

constexpr int kLogErr = 3;
constexpr int kLogWarning = 4;
constexpr int kLogNotice = 5;
constexpr int kLogDebug = 7;
// poll() timeout of one network-loop turn: bounds how late keepalive work happens.
// Publishes and stop() wake the loop at once through the WakeFd.
constexpr int kLoopTimeoutMs = 1000;
constexpr size_t kMaxPayload = 268435455;  // MQTT's largest remaining length
// Used for mqtts:// without ca_file. libmosquitto 2.0.11 cannot reconnect when only
// MOSQ_OPT_TLS_USE_OS_CERTS is set (fixed in 2.0.12, issue #2288), so name the path.
constexpr const char* kSystemCaPath = "/etc/ssl/certs";

struct MosquittoDeleter {
    void operator()(mosquitto* m) const noexcept { mosquitto_destroy(m); }
};
using MosquittoPtr = std::unique_ptr<mosquitto, MosquittoDeleter>;

void init_library_once() {
    static std::once_flag once;
    // Never paired with mosquitto_lib_cleanup(): other clients may live until exit.
    std::call_once(once, [] { mosquitto_lib_init(); });
}

core::Error error(std::error_code ec, std::string context) {
    return core::Error{ec, std::move(context)};
}

std::string describe(std::error_code ec) {
    return std::string(ec.category().name()) + ":" + ec.message();
}

struct Subscription {
    std::string filter;
    std::shared_ptr<const core::MessageBus::Handler> handler;
};

/// Work handed from any thread to the network thread.
struct Request {
    enum class Kind { Publish, Subscribe } kind = Kind::Publish;
    std::string topic;  // or the filter
    std::string payload;
    int qos = 0;
    bool retain = false;
    int id = 0;  // publish_qos1's id, reported by on_published; 0: nobody waits
};

/// Checks what libmosquitto would refuse, so callers learn it synchronously.
core::Status check_publish(const std::string& topic, size_t payload_size) {
    if (payload_size > kMaxPayload)
        return error(MqttErrc::PayloadTooLarge, "publish topic=" + topic);
    if (topic.empty() || topic.size() > 65535)
        return error(MqttErrc::InvalidArgument, "publish topic length");
    if (mosquitto_validate_utf8(topic.c_str(), static_cast<int>(topic.size())) !=
        MOSQ_ERR_SUCCESS)
        return error(MqttErrc::MalformedUtf8, "publish topic");
    if (mosquitto_pub_topic_check(topic.c_str()) != MOSQ_ERR_SUCCESS)
        return error(MqttErrc::InvalidArgument, "publish topic=" + topic);
    return core::Ok{};
}

}  // namespace

struct MqttClient::Impl {
    Impl(MqttOptions o, MqttCallbacks c)
        : opts(std::move(o)),
          cb(std::move(c)),
          backoff(opts.reconnect_min, opts.reconnect_max, std::random_device{}()) {}

    MqttOptions opts;
    MqttCallbacks cb;
    BrokerUrl url;
    MosquittoPtr mosq;  // created by the first start(), kept until destruction

    std::mutex lifecycle_mutex;  // start()/stop()
    std::thread thread;
    std::atomic<bool> connected{false};
    std::atomic<bool> stop_requested{false};

    // Requests from other threads; the network thread takes them all at once.
    WakeFd wake;
    std::mutex request_mutex;
    std::vector<Request> requests;
    std::atomic<int> burst_depth{0};
    std::atomic<bool> wake_deferred{false};
    std::atomic<int> last_id{0};

    std::mutex subs_mutex;
    std::vector<Subscription> subs;

    mutable std::mutex error_mutex;
    std::error_code last_error;

    // libmosquitto repeats the same error line on every failed attempt (e.g. "certificate
    // verify failed" every backoff): only the first of a streak keeps its level.
    std::mutex lib_log_mutex;
    std::string last_lib_problem;

    // Network thread only: every libmosquitto call after configure() happens there.
    core::Backoff backoff;
    bool connack_ok = false;
    bool session_up = false;
    std::error_code pending_error;  // set by libmosquitto callbacks during one loop turn
    std::error_code last_logged_failure;
    unsigned failed_attempts = 0;
    std::deque<Request> held;                  // QoS 1 publishes waiting for a session
    std::unordered_map<int, int> id_for_mid;   // libmosquitto mid -> our id
    std::vector<Request> work;                 // requests being handled this turn

    core::Status validate_options();
    core::Status configure();
    core::Status configure_tls(mosquitto* m);
    void run();
    bool connect_once();
    bool turn();
    int io(short revents);
    bool after_loop(int rc, int saved_errno);
    void take_requests();
    void handle(Request&& r);
    void send_publish(Request&& r);
    void promote();
    void demote(std::error_code reason);
    void note_failure(std::error_code ec);
    void sleep_backoff();
    void drain();
    core::Result<int> enqueue_publish(const std::string& topic, std::string payload, int qos,
                                      bool retain, bool want_id);
    void enqueue(Request r);
    void log(int level, std::string line) const;
    void set_last_error(std::error_code ec);

    template <class F>
    void guarded(const char* what, F&& f) noexcept;

    static void on_connect_cb(mosquitto*, void* obj, int rc);
    static void on_disconnect_cb(mosquitto*, void* obj, int rc);
    static void on_publish_cb(mosquitto*, void* obj, int mid);
    static void on_message_cb(mosquitto*, void* obj, const mosquitto_message* msg);
    static void on_log_cb(mosquitto*, void* obj, int level, const char* text);
};

// ---- configuration -------------------------------------------------------------------

core::Status MqttClient::Impl::validate_options() {
    auto parsed = parse_broker_url(opts.url);
    if (!parsed) return parsed.error();
    url = std::move(parsed.value());
    if (opts.keepalive.count() < 5 || opts.keepalive.count() > 65535) {
        return error(MqttErrc::InvalidArgument, "keepalive must be 5..65535 s");
    }
    if (opts.max_inflight < 1 || opts.max_inflight > 65535) {
        return error(MqttErrc::InvalidArgument, "max_inflight must be 1..65535");
    }
    if (!url.tls && (!opts.cert_file.empty() || !opts.key_file.empty())) {
        return error(MqttErrc::InvalidArgument, "client certificate needs an mqtts:// url");
    }
    return core::Ok{};
}

core::Status MqttClient::Impl::configure() {
    if (auto st = validate_options(); !st) return st;
    init_library_once();
    MosquittoPtr m(mosquitto_new(opts.client_id.empty() ? nullptr : opts.client_id.c_str(),
                                 /*clean_session=*/true, this));
    if (!m) return error(MqttErrc::NoMemory, "mosquitto_new");
    // Not threaded mode: only the network thread calls libmosquitto, so a publish writes
    // to the socket at once instead of waking a loop through libmosquitto's socket pair.
    int rc = mosquitto_int_option(m.get(), MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V311);
    if (rc == MOSQ_ERR_SUCCESS) {
        rc = mosquitto_int_option(m.get(), MOSQ_OPT_SEND_MAXIMUM, opts.max_inflight);
    }
    if (rc == MOSQ_ERR_SUCCESS) {
        // Events and reader answers are small and latency-bound: never let Nagle hold them
        // back waiting for a delayed ACK (up to 40 ms on Linux). Bursts are batched with
        // TCP_CORK for the length of one loop turn instead (TcpCork).
        rc = mosquitto_int_option(m.get(), MOSQ_OPT_TCP_NODELAY, 1);
    }
    if (rc == MOSQ_ERR_SUCCESS && !opts.will_topic.empty()) {
        rc = mosquitto_will_set(m.get(), opts.will_topic.c_str(),
                                static_cast<int>(opts.will_payload.size()),
                                opts.will_payload.data(), 1, /*retain=*/true);
        if (rc != MOSQ_ERR_SUCCESS) {
            return error(detail::error_from_mosquitto(rc, errno), "will topic");
        }
    }
    if (rc == MOSQ_ERR_SUCCESS && !opts.username.empty()) {
        rc = mosquitto_username_pw_set(m.get(), opts.username.c_str(),
                                       opts.password.empty() ? nullptr : opts.password.c_str());
    }
    if (rc != MOSQ_ERR_SUCCESS) return error(detail::error_from_mosquitto(rc, errno), "options");
    if (url.tls) {
        if (auto st = configure_tls(m.get()); !st) return st;
    }
    mosquitto_connect_callback_set(m.get(), &Impl::on_connect_cb);
    mosquitto_disconnect_callback_set(m.get(), &Impl::on_disconnect_cb);
    mosquitto_publish_callback_set(m.get(), &Impl::on_publish_cb);
    mosquitto_message_callback_set(m.get(), &Impl::on_message_cb);
    mosquitto_log_callback_set(m.get(), &Impl::on_log_cb);
    mosq = std::move(m);
    return core::Ok{};
}

core::Status MqttClient::Impl::configure_tls(mosquitto* m) {
    const bool own_ca = !opts.ca_file.empty();
    // tls_set checks that each file can be opened, so a typo fails here, not at connect.
    int rc = mosquitto_tls_set(m, own_ca ? opts.ca_file.c_str() : nullptr,
                               own_ca ? nullptr : kSystemCaPath,
                               opts.cert_file.empty() ? nullptr : opts.cert_file.c_str(),
                               opts.key_file.empty() ? nullptr : opts.key_file.c_str(), nullptr);
    if (rc != MOSQ_ERR_SUCCESS) {
        return error(detail::error_from_mosquitto(rc, errno),
                     "tls files (ca_file, cert_file, key_file) could not be used");
    }
    // Verify the broker's certificate chain (1 = SSL_VERIFY_PEER) with TLS 1.2 or newer,
    // and its host name against the certificate's SAN (insecure = false).
    rc = mosquitto_tls_opts_set(m, 1, "tlsv1.2", nullptr);
    if (rc == MOSQ_ERR_SUCCESS) rc = mosquitto_tls_insecure_set(m, false);
    if (rc != MOSQ_ERR_SUCCESS)
        return error(detail::error_from_mosquitto(rc, errno), "tls options");
    return core::Ok{};
}

// ---- network thread ------------------------------------------------------------------

void MqttClient::Impl::run() {
    bool need_connect = true;
    while (!stop_requested.load()) {
        if (need_connect) {
            if (!connect_once()) {
                sleep_backoff();
                continue;
            }
            need_connect = false;
        }
        if (turn()) {
            need_connect = true;
            sleep_backoff();
        }
    }
    drain();
}

bool MqttClient::Impl::connect_once() {
    connack_ok = false;
    pending_error = {};
    // Non-blocking TCP connect (name resolution still blocks this thread only). Called
    // for every attempt: it is mosquitto_reconnect_async() plus host setup, and it keeps
    // the queue of unacknowledged QoS 1 messages for re-sending.
    const int rc = mosquitto_connect_async(mosq.get(), url.host.c_str(), url.port,
                                           static_cast<int>(opts.keepalive.count()));
    const int saved_errno = errno;
    if (rc == MOSQ_ERR_SUCCESS) return true;
    note_failure(detail::error_from_mosquitto(rc, saved_errno));
    return false;
}

// One turn: wait for the socket or a request, then, with the socket corked, hand the
// requests to libmosquitto, read, write and keep alive. Returns true when the connection
// is gone and a reconnect is due.
bool MqttClient::Impl::turn() {
    const int sock = mosquitto_socket(mosq.get());
    if (sock < 0) return after_loop(MOSQ_ERR_NO_CONN, 0);
    const short want = static_cast<short>(POLLIN | (mosquitto_want_write(mosq.get()) ? POLLOUT : 0));
    pollfd fds[2] = {{sock, want, 0}, {wake.fd(), POLLIN, 0}};
    if (::poll(fds, wake.fd() >= 0 ? 2 : 1, kLoopTimeoutMs) < 0 && errno != EINTR) {
        return after_loop(MOSQ_ERR_ERRNO, errno);
    }
    TcpCork cork(sock);
    if (fds[1].revents != 0) {
        wake.clear();
        take_requests();
    }
    const int rc = io(fds[0].revents);
    const int saved_errno = errno;
    cork.release(mosquitto_socket(mosq.get()));
    return after_loop(rc, saved_errno);
}

int MqttClient::Impl::io(short revents) {
    mosquitto* m = mosq.get();
    int rc = MOSQ_ERR_SUCCESS;
    const bool readable = (revents & (POLLIN | POLLHUP | POLLERR)) != 0;
    // Until the CONNACK, a writable socket may mean a TLS handshake step, which
    // libmosquitto performs in its read function.
    if (readable || ((revents & POLLOUT) != 0 && !connack_ok)) rc = mosquitto_loop_read(m, 1);
    if (rc == MOSQ_ERR_SUCCESS && mosquitto_socket(m) >= 0 && mosquitto_want_write(m)) {
        rc = mosquitto_loop_write(m, 1);
    }
    if (rc == MOSQ_ERR_SUCCESS) rc = mosquitto_loop_misc(m);
    return rc;
}

// Returns true when the connection is gone and a reconnect is due.
bool MqttClient::Impl::after_loop(int rc, int saved_errno) {
    const bool socket_open = mosquitto_socket(mosq.get()) >= 0;
    if (rc == MOSQ_ERR_SUCCESS && socket_open) {
        // The CONNACK was handled inside the turn that just ended, including libmosquitto
        // re-queuing the previous connection's in-flight messages.
        if (connack_ok && !session_up) promote();
        return false;
    }
    std::error_code ec =
        pending_error ? pending_error : detail::error_from_mosquitto(rc, saved_errno);
    if (!ec) ec = MqttErrc::ConnectionLost;
    if (stop_requested.load()) ec = {};
    if (session_up) {
        demote(ec);
    } else if (ec) {
        note_failure(ec);
    }
    return true;
}

void MqttClient::Impl::take_requests() {
    work.clear();
    {
        std::lock_guard lock(request_mutex);
        work.swap(requests);
    }
    for (auto& r : work) handle(std::move(r));
}

void MqttClient::Impl::handle(Request&& r) {
    if (r.kind == Request::Kind::Subscribe) {
        // Without a session, the next promote() subscribes to every filter anyway.
        if (!session_up) return;
        const int rc = mosquitto_subscribe(mosq.get(), nullptr, r.topic.c_str(), 1);
        if (rc != MOSQ_ERR_SUCCESS) {
            log(kLogWarning, "subscribe failed filter=" + r.topic + " err=" +
                                 describe(detail::error_from_mosquitto(rc, errno)));
        }
        return;
    }
    if (session_up) {
        send_publish(std::move(r));
    } else if (r.qos > 0) {
        // Accepted while connected, reached us after the connection dropped: sent after the
        // next CONNACK, behind libmosquitto's own re-sends, so order holds.
        held.push_back(std::move(r));
    } else {
        log(kLogDebug, "publish dropped topic=" + r.topic + " err=" +
                           describe(MqttErrc::NotConnected));
    }
}

void MqttClient::Impl::send_publish(Request&& r) {
    int mid = 0;
    const int rc = mosquitto_publish(mosq.get(), &mid, r.topic.c_str(),
                                     static_cast<int>(r.payload.size()), r.payload.data(), r.qos,
                                     r.retain);
    // MOSQ_ERR_NO_CONN for QoS 1: the socket died during this turn; libmosquitto keeps the
    // message queued under `mid` and re-sends it after the next CONNACK.
    const bool queued = rc == MOSQ_ERR_SUCCESS || (rc == MOSQ_ERR_NO_CONN && r.qos > 0);
    if (queued) {
        if (r.id != 0 && r.qos > 0) id_for_mid[mid] = r.id;
        return;
    }
    // check_publish() refused what libmosquitto refuses for good, so this is transient
    // (out of memory, connection gone for QoS 0): QoS 1 waits for the next session.
    log(kLogWarning, "publish failed topic=" + r.topic + " err=" +
                         describe(detail::error_from_mosquitto(rc, errno)));
    if (r.qos > 0) held.push_back(std::move(r));
}

void MqttClient::Impl::promote() {
    std::vector<std::string> filters;
    {
        std::lock_guard subs_lock(subs_mutex);
        for (const auto& s : subs) filters.push_back(s.filter);
    }
    for (const auto& f : filters) {
        const int rc = mosquitto_subscribe(mosq.get(), nullptr, f.c_str(), 1);
        if (rc != MOSQ_ERR_SUCCESS) {
            log(kLogErr, "subscribe failed filter=" + f +
                             " err=" + describe(detail::error_from_mosquitto(rc, errno)));
        }
    }
    session_up = true;
    std::deque<Request> waiting;
    waiting.swap(held);
    for (auto& r : waiting) send_publish(std::move(r));
    connected.store(true);
    backoff.reset();
    failed_attempts = 0;
    last_logged_failure = {};
    {
        std::lock_guard lock(lib_log_mutex);
        last_lib_problem.clear();
    }
    set_last_error({});
    log(kLogNotice, "connected url=" + url.to_string());
    guarded("on_connected", [&] {
        if (cb.on_connected) cb.on_connected();
    });
}

void MqttClient::Impl::demote(std::error_code reason) {
    connected.store(false);
    session_up = false;
    if (reason) {
        set_last_error(reason);
        last_logged_failure = reason;
        log(kLogWarning, "connection lost url=" + url.to_string() + " err=" + describe(reason));
    } else {
        log(kLogNotice, "disconnected url=" + url.to_string());
    }
    guarded("on_disconnected", [&] {
        if (cb.on_disconnected) cb.on_disconnected(reason);
    });
}

void MqttClient::Impl::note_failure(std::error_code ec) {
    set_last_error(ec);
    ++failed_attempts;
    // Log state changes, not every repeat of the same failure.
    const bool changed = ec != last_logged_failure;
    last_logged_failure = ec;
    log(changed ? kLogWarning : kLogDebug, "connect failed url=" + url.to_string() +
                                               " err=" + describe(ec) +
                                               " attempts=" + std::to_string(failed_attempts));
}

void MqttClient::Impl::sleep_backoff() {
    // Requests that arrive meanwhile stay queued for the next session; only stop() ends
    // the wait early.
    const auto deadline = std::chrono::steady_clock::now() + backoff.next();
    while (!stop_requested.load()) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return;
        pollfd fd{wake.fd(), POLLIN, 0};
        if (::poll(&fd, wake.fd() >= 0 ? 1 : 0, static_cast<int>(left.count())) > 0) wake.clear();
    }
}

void MqttClient::Impl::drain() {
    // Send what was queued before stop() (the app's "offline" status), then DISCONNECT,
    // and give the loop until stop_timeout to write it, so the broker sees a clean close
    // and does not publish the will.
    take_requests();
    (void)mosquitto_disconnect(mosq.get());
    const auto deadline = std::chrono::steady_clock::now() + opts.stop_timeout;
    while (mosquitto_socket(mosq.get()) >= 0 && std::chrono::steady_clock::now() < deadline) {
        pollfd fd{mosquitto_socket(mosq.get()), POLLIN | POLLOUT, 0};
        if (::poll(&fd, 1, 100) < 0 && errno != EINTR) break;
        if (io(fd.revents) != MOSQ_ERR_SUCCESS) break;
    }
    connected.store(false);
    if (session_up) demote({});
}

// ---- calls from other threads --------------------------------------------------------

core::Result<int> MqttClient::Impl::enqueue_publish(const std::string& topic,
                                                    std::string payload, int qos, bool retain,
                                                    bool want_id) {
    if (auto st = check_publish(topic, payload.size()); !st) return st.error();
    if (!connected.load()) return error(MqttErrc::NotConnected, "publish topic=" + topic);
    int id = 0;
    if (want_id) {
        // 1..INT_MAX, wrapping; far more than can ever be unacknowledged at once.
        int prev = last_id.load();
        do {
            id = prev == INT_MAX ? 1 : prev + 1;
        } while (!last_id.compare_exchange_weak(prev, id));
    }
    enqueue(Request{Request::Kind::Publish, topic, std::move(payload), qos, retain, id});
    return id;
}

void MqttClient::Impl::enqueue(Request r) {
    {
        std::lock_guard lock(request_mutex);
        requests.push_back(std::move(r));
    }
    if (burst_depth.load() == 0) {
        wake.notify();
    } else {
        wake_deferred.store(true);
    }
}

void MqttClient::Impl::log(int level, std::string line) const {
    if (!cb.on_log) return;
    try {
        cb.on_log(level, std::move(line));
    } catch (...) {
        // A failing log sink must not take the network thread down.
    }
}

void MqttClient::Impl::set_last_error(std::error_code ec) {
    std::lock_guard lock(error_mutex);
    last_error = ec;
}

template <class F>
void MqttClient::Impl::guarded(const char* what, F&& f) noexcept {
    try {
        f();
    } catch (const std::exception& e) {
        log(kLogErr, std::string("callback threw callback=") + what + " what=" + e.what());
    } catch (...) {
        log(kLogErr, std::string("callback threw callback=") + what);
    }
}

// ---- libmosquitto callbacks (network thread, inside a loop call) ----------------------
// Connect/disconnect are only recorded here and acted on in after_loop(), once
// libmosquitto has finished handling the packet.

void MqttClient::Impl::on_connect_cb(mosquitto*, void* obj, int rc) {
    auto* self = static_cast<Impl*>(obj);
    if (rc == 0) {
        self->connack_ok = true;
    } else {
        self->pending_error = detail::error_from_connack(rc);
    }
}

void MqttClient::Impl::on_disconnect_cb(mosquitto*, void* obj, int rc) {
    const int saved_errno = errno;
    auto* self = static_cast<Impl*>(obj);
    self->connected.store(false);  // refuse new publishes at once; callbacks follow later
    if (rc != MOSQ_ERR_SUCCESS && !self->pending_error) {
        self->pending_error = detail::error_from_mosquitto(rc, saved_errno);
    }
    errno = saved_errno;
}

void MqttClient::Impl::on_publish_cb(mosquitto*, void* obj, int mid) {
    auto* self = static_cast<Impl*>(obj);
    const auto it = self->id_for_mid.find(mid);
    if (it == self->id_for_mid.end()) return;  // QoS 0, or nobody waits for it
    const int id = it->second;
    self->id_for_mid.erase(it);
    self->guarded("on_published", [&] {
        if (self->cb.on_published) self->cb.on_published(id);
    });
}

void MqttClient::Impl::on_message_cb(mosquitto*, void* obj, const mosquitto_message* msg) {
    auto* self = static_cast<Impl*>(obj);
    self->guarded("message handler", [&] {
        const std::string topic = msg->topic ? msg->topic : "";
        const std::string payload = msg->payload
                                        ? std::string(static_cast<const char*>(msg->payload),
                                                      static_cast<size_t>(msg->payloadlen))
                                        : std::string();
        std::vector<std::shared_ptr<const core::MessageBus::Handler>> handlers;
        {
            std::lock_guard lock(self->subs_mutex);
            for (const auto& s : self->subs) {
                bool match = false;
                if (mosquitto_topic_matches_sub(s.filter.c_str(), topic.c_str(), &match) ==
                        MOSQ_ERR_SUCCESS &&
                    match) {
                    handlers.push_back(s.handler);
                }
            }
        }
        for (const auto& h : handlers) (*h)(topic, payload);
    });
}

void MqttClient::Impl::on_log_cb(mosquitto*, void* obj, int level, const char* text) {
    const int saved_errno = errno;  // the network loop reads errno after we return
    auto* self = static_cast<Impl*>(obj);
    int sys_level = detail::syslog_level_from_mosquitto(level);
    std::string line = std::string("libmosquitto: ") + (text ? text : "");
    if (sys_level <= kLogWarning) {
        std::lock_guard lock(self->lib_log_mutex);
        if (line == self->last_lib_problem) {
            sys_level = kLogDebug;
        } else {
            self->last_lib_problem = line;
        }
    }
    self->log(sys_level, std::move(line));
    errno = saved_errno;
}

// ---- public API ----------------------------------------------------------------------

MqttClient::MqttClient(MqttOptions options, MqttCallbacks callbacks)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(callbacks))) {}

MqttClient::~MqttClient() { stop(); }

core::Status MqttClient::start() {
    std::lock_guard lock(impl_->lifecycle_mutex);
    if (impl_->thread.joinable()) return error(MqttErrc::AlreadyStarted, "mqtt start");
    if (!impl_->mosq) {
        if (auto st = impl_->configure(); !st) return st;
    }
    impl_->stop_requested.store(false);
    impl_->log(kLogDebug, "starting url=" + impl_->url.to_string());
    impl_->thread = std::thread([impl = impl_.get()] {
        try {
            impl->run();
        } catch (...) {
            impl->log(kLogErr, "network thread failed");
        }
    });
    return core::Ok{};
}

void MqttClient::stop() {
    std::lock_guard lock(impl_->lifecycle_mutex);
    if (!impl_->thread.joinable()) return;
    impl_->stop_requested.store(true);
    impl_->wake.notify();
    impl_->thread.join();
}

bool MqttClient::connected() const { return impl_->connected.load(); }

core::Result<int> MqttClient::publish_qos1(const std::string& topic, const std::string& payload,
                                           bool retain) {
    return impl_->enqueue_publish(topic, payload, 1, retain, true);
}

core::Result<int> MqttClient::publish_qos1(const std::string& topic, const std::string& payload) {
    return impl_->enqueue_publish(topic, payload, 1, false, true);
}

void MqttClient::subscribe(const std::string& filter, Handler handler) {
    if (mosquitto_sub_topic_check(filter.c_str()) != MOSQ_ERR_SUCCESS) {
        impl_->log(kLogErr, "subscribe refused filter=" + filter +
                                " err=" + describe(MqttErrc::InvalidArgument));
        return;
    }
    {
        std::lock_guard subs_lock(impl_->subs_mutex);
        impl_->subs.push_back({filter, std::make_shared<const Handler>(std::move(handler))});
    }
    impl_->enqueue(Request{Request::Kind::Subscribe, filter, {}, 1, false, 0});
}

void MqttClient::publish(const std::string& topic, std::string payload, int qos, bool retain) {
    if (qos < 0 || qos > 2) {
        impl_->log(kLogErr, "publish refused topic=" + topic +
                                " err=" + describe(MqttErrc::InvalidArgument));
        return;
    }
    auto r = impl_->enqueue_publish(topic, std::move(payload), qos, retain, false);
    if (!r) {
        const bool offline = r.error().code == MqttErrc::NotConnected;
        impl_->log(offline ? kLogDebug : kLogWarning,
                   "publish dropped topic=" + topic + " err=" + describe(r.error().code));
    }
}

void MqttClient::begin_burst() { impl_->burst_depth.fetch_add(1); }

void MqttClient::end_burst() {
    if (impl_->burst_depth.fetch_sub(1) == 1 && impl_->wake_deferred.exchange(false))
        impl_->wake.notify();
}

std::error_code MqttClient::last_error() const {
    std::lock_guard lock(impl_->error_mutex);
    return impl_->last_error;
}

}  // namespace gw::adp::mqtt
