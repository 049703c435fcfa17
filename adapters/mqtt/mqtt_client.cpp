#include "mqtt_client.hpp"

#include <mosquitto.h>

#include <atomic>
#include <cerrno>
#include <climits>
#include <condition_variable>
#include <mutex>
#include <random>
#include <thread>
#include <utility>
#include <vector>

#include "backoff.hpp"
#include "broker_url.hpp"
#include "mosquitto_rc.hpp"
#include "mqtt_error.hpp"

namespace gw::adp::mqtt {
namespace {

constexpr int kLogErr = 3;
constexpr int kLogWarning = 4;
constexpr int kLogNotice = 5;
constexpr int kLogDebug = 7;
// select() timeout of one network-loop turn: bounds how late keepalive work happens.
// Publishes and stop() wake the loop at once through libmosquitto's socket pair.
constexpr int kLoopTimeoutMs = 1000;
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

    // Held around every call that queues packets from outside the network thread and
    // around (re)connecting, so no publish can slip in between a reconnect and the
    // CONNACK (it would overtake the re-sent in-flight messages).
    std::mutex conn_mutex;
    std::atomic<bool> connected{false};

    std::mutex wake_mutex;  // interrupts the backoff sleep
    std::condition_variable wake_cv;
    std::atomic<bool> stop_requested{false};

    std::mutex subs_mutex;
    std::vector<Subscription> subs;

    mutable std::mutex error_mutex;
    std::error_code last_error;

    // libmosquitto repeats the same error line on every failed attempt (e.g. "certificate
    // verify failed" every backoff): only the first of a streak keeps its level.
    std::mutex lib_log_mutex;
    std::string last_lib_problem;

    // Network thread only.
    Backoff backoff;
    bool connack_ok = false;
    bool session_up = false;
    std::error_code pending_error;  // set by libmosquitto callbacks during one loop turn
    std::error_code last_logged_failure;
    unsigned failed_attempts = 0;

    core::Status validate_options();
    core::Status configure();
    core::Status configure_tls(mosquitto* m);
    void run();
    bool connect_once();
    bool after_loop(int rc, int saved_errno);
    void promote();
    void demote(std::error_code reason);
    void note_failure(std::error_code ec);
    void sleep_backoff();
    void drain();
    core::Result<int> publish(const std::string& topic, const std::string& payload, int qos,
                              bool retain);
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
    // Our own network thread calls mosquitto_loop(): publishes from other threads must
    // only queue and wake it, never write to the socket themselves.
    mosquitto_threaded_set(m.get(), true);
    int rc = mosquitto_int_option(m.get(), MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V311);
    if (rc == MOSQ_ERR_SUCCESS) {
        rc = mosquitto_int_option(m.get(), MOSQ_OPT_SEND_MAXIMUM, opts.max_inflight);
    }
    if (rc == MOSQ_ERR_SUCCESS) {
        // Events and reader answers are small and latency-bound: never let Nagle hold them
        // back waiting for a delayed ACK (up to 40 ms on Linux).
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
        const int rc = mosquitto_loop(mosq.get(), kLoopTimeoutMs, 1);
        const int saved_errno = errno;
        if (after_loop(rc, saved_errno)) {
            need_connect = true;
            sleep_backoff();
        }
    }
    drain();
}

bool MqttClient::Impl::connect_once() {
    int rc = MOSQ_ERR_SUCCESS;
    int saved_errno = 0;
    {
        std::lock_guard lock(conn_mutex);
        if (stop_requested.load()) return false;
        connack_ok = false;
        pending_error = {};
        // Non-blocking TCP connect (name resolution still blocks this thread only).
        // Called for every attempt: it is mosquitto_reconnect_async() plus host setup,
        // and it keeps the queue of unacknowledged QoS 1 messages for re-sending.
        rc = mosquitto_connect_async(mosq.get(), url.host.c_str(), url.port,
                                     static_cast<int>(opts.keepalive.count()));
        saved_errno = errno;
    }
    if (rc == MOSQ_ERR_SUCCESS) return true;
    note_failure(detail::error_from_mosquitto(rc, saved_errno));
    return false;
}

// Returns true when the connection is gone and a reconnect is due.
bool MqttClient::Impl::after_loop(int rc, int saved_errno) {
    const bool socket_open = mosquitto_socket(mosq.get()) >= 0;
    if (rc == MOSQ_ERR_SUCCESS && socket_open) {
        // The CONNACK was handled inside the loop turn that just returned, including
        // libmosquitto re-queuing the previous connection's in-flight messages.
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

void MqttClient::Impl::promote() {
    {
        std::lock_guard lock(conn_mutex);
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
        connected.store(true);
    }
    session_up = true;
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
    const auto delay = backoff.next();
    std::unique_lock lock(wake_mutex);
    wake_cv.wait_for(lock, delay, [&] { return stop_requested.load(); });
}

void MqttClient::Impl::drain() {
    // stop() queued a DISCONNECT; give the loop until stop_timeout to write it, so the
    // broker sees a clean close and does not publish the will.
    const auto deadline = std::chrono::steady_clock::now() + opts.stop_timeout;
    while (mosquitto_socket(mosq.get()) >= 0 && std::chrono::steady_clock::now() < deadline) {
        if (mosquitto_loop(mosq.get(), 100, 1) != MOSQ_ERR_SUCCESS) break;
    }
    if (session_up) demote({});
}

// ---- calls from other threads --------------------------------------------------------

core::Result<int> MqttClient::Impl::publish(const std::string& topic, const std::string& payload,
                                            int qos, bool retain) {
    if (payload.size() > static_cast<size_t>(INT_MAX)) {
        return error(MqttErrc::PayloadTooLarge, "publish topic=" + topic);
    }
    // Cheap check first: while (re)connecting the network thread may hold conn_mutex
    // through a slow name lookup, and the core loop must not wait for that.
    if (!connected.load()) return error(MqttErrc::NotConnected, "publish topic=" + topic);
    std::lock_guard lock(conn_mutex);
    if (!connected.load()) return error(MqttErrc::NotConnected, "publish topic=" + topic);
    int mid = 0;
    const int rc = mosquitto_publish(mosq.get(), &mid, topic.c_str(),
                                     static_cast<int>(payload.size()), payload.data(), qos, retain);
    if (rc == MOSQ_ERR_SUCCESS) return mid;
    // MOSQ_ERR_NO_CONN: the connection died before our flag noticed. libmosquitto keeps
    // such a QoS 1 message queued, but we report failure: the caller re-publishes later,
    // which at worst duplicates (allowed) and never loses a message.
    return error(detail::error_from_mosquitto(rc, errno), "publish topic=" + topic);
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

// ---- libmosquitto callbacks (network thread, inside mosquitto_loop) -------------------
// They only record what happened; connect/disconnect are acted on in after_loop(), once
// libmosquitto has finished handling the packet. They never take conn_mutex.

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
    self->connected.store(false);  // stop publishers at once; callbacks follow later
    if (rc != MOSQ_ERR_SUCCESS && !self->pending_error) {
        self->pending_error = detail::error_from_mosquitto(rc, saved_errno);
    }
    errno = saved_errno;
}

void MqttClient::Impl::on_publish_cb(mosquitto*, void* obj, int mid) {
    auto* self = static_cast<Impl*>(obj);
    self->guarded("on_published", [&] {
        if (self->cb.on_published) self->cb.on_published(mid);
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
    {
        std::lock_guard wake(impl_->wake_mutex);
        impl_->stop_requested.store(true);
    }
    impl_->wake_cv.notify_all();
    {
        std::lock_guard conn(impl_->conn_mutex);
        impl_->connected.store(false);
        // Queues DISCONNECT (the network thread writes it in drain()); NO_CONN if no
        // socket is open, which is fine.
        (void)mosquitto_disconnect(impl_->mosq.get());
    }
    impl_->thread.join();
}

bool MqttClient::connected() const { return impl_->connected.load(); }

core::Result<int> MqttClient::publish_qos1(const std::string& topic, const std::string& payload,
                                           bool retain) {
    return impl_->publish(topic, payload, 1, retain);
}

core::Result<int> MqttClient::publish_qos1(const std::string& topic, const std::string& payload) {
    return impl_->publish(topic, payload, 1, false);
}

void MqttClient::subscribe(const std::string& filter, Handler handler) {
    if (mosquitto_sub_topic_check(filter.c_str()) != MOSQ_ERR_SUCCESS) {
        impl_->log(kLogErr, "subscribe refused filter=" + filter +
                                " err=" + describe(MqttErrc::InvalidArgument));
        return;
    }
    std::lock_guard lock(impl_->conn_mutex);
    {
        std::lock_guard subs_lock(impl_->subs_mutex);
        impl_->subs.push_back({filter, std::make_shared<const Handler>(std::move(handler))});
    }
    if (impl_->connected.load()) {
        const int rc = mosquitto_subscribe(impl_->mosq.get(), nullptr, filter.c_str(), 1);
        if (rc != MOSQ_ERR_SUCCESS) {
            // Retried by the next reconnect, which renews every subscription.
            impl_->log(kLogWarning, "subscribe failed filter=" + filter + " err=" +
                                        describe(detail::error_from_mosquitto(rc, errno)));
        }
    }
}

void MqttClient::publish(const std::string& topic, std::string payload, int qos, bool retain) {
    if (qos < 0 || qos > 2) {
        impl_->log(kLogErr, "publish refused topic=" + topic +
                                " err=" + describe(MqttErrc::InvalidArgument));
        return;
    }
    auto r = impl_->publish(topic, payload, qos, retain);
    if (!r) {
        const bool offline = r.error().code == MqttErrc::NotConnected;
        impl_->log(offline ? kLogDebug : kLogWarning,
                   "publish dropped topic=" + topic + " err=" + describe(r.error().code));
    }
}

std::error_code MqttClient::last_error() const {
    std::lock_guard lock(impl_->error_mutex);
    return impl_->last_error;
}

}  // namespace gw::adp::mqtt
