/* campusgw-forwarder: the do-nothing baseline of the benchmark.
 *
 * Subscribes to bench/in/# (QoS 1) and republishes every message unchanged, QoS 1, to
 * bench/out/<rest of the topic>. No decision, no storage: what remains is the cost of MQTT
 * itself (broker hop in, client library, broker hop out), the ceiling any gateway built on
 * MQTT can reach on this machine.
 *
 *   campusgw-forwarder [HOST:]PORT [MAX_INFLIGHT]
 *
 * Runs until SIGINT/SIGTERM; prints "forwarded N" on exit.
 */
#include <mosquitto.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IN_PREFIX "bench/in/"
#define OUT_PREFIX "bench/out/"

static volatile sig_atomic_t g_stop = 0;
static unsigned long g_forwarded = 0;

static void on_signal(int sig) {
    (void)sig;
    g_stop = 1;
}

static void on_connect(struct mosquitto* mosq, void* obj, int rc) {
    (void)obj;
    if (rc != 0) {
        fprintf(stderr, "forwarder: connect refused: %s\n", mosquitto_connack_string(rc));
        g_stop = 1;
        return;
    }
    mosquitto_subscribe(mosq, NULL, IN_PREFIX "#", 1);
}

static void on_message(struct mosquitto* mosq, void* obj, const struct mosquitto_message* m) {
    char topic[512];
    const size_t in_len = sizeof(IN_PREFIX) - 1;
    (void)obj;
    if (strncmp(m->topic, IN_PREFIX, in_len) != 0) return;
    if (snprintf(topic, sizeof topic, OUT_PREFIX "%s", m->topic + in_len) >= (int)sizeof topic)
        return;
    if (mosquitto_publish(mosq, NULL, topic, m->payloadlen, m->payload, 1, false) ==
        MOSQ_ERR_SUCCESS)
        ++g_forwarded;
}

static int parse_address(const char* arg, char* host, size_t host_size, int* port) {
    const char* colon = strrchr(arg, ':');
    const char* port_text = colon ? colon + 1 : arg;
    snprintf(host, host_size, "%s", "127.0.0.1");
    if (colon) snprintf(host, host_size, "%.*s", (int)(colon - arg), arg);
    *port = atoi(port_text);
    return *port > 0 && *port < 65536;
}

static int run(const char* host, int port, int max_inflight) {
    int rc;
    struct mosquitto* mosq = mosquitto_new("campusgw-forwarder", true, NULL);
    if (!mosq) return 1;
    mosquitto_connect_callback_set(mosq, on_connect);
    mosquitto_message_callback_set(mosq, on_message);
    mosquitto_int_option(mosq, MOSQ_OPT_TCP_NODELAY, 1);
    mosquitto_max_inflight_messages_set(mosq, (unsigned int)max_inflight);
    rc = mosquitto_connect(mosq, host, port, 30);
    while (rc == MOSQ_ERR_SUCCESS && !g_stop) rc = mosquitto_loop(mosq, 100, 1);
    if (rc != MOSQ_ERR_SUCCESS && !g_stop)
        fprintf(stderr, "forwarder: %s\n", mosquitto_strerror(rc));
    mosquitto_disconnect(mosq);
    mosquitto_destroy(mosq);
    return g_stop ? 0 : 1;
}

int main(int argc, char** argv) {
    char host[256];
    int port = 0;
    int rc;
    int max_inflight = argc > 2 ? atoi(argv[2]) : 100;
    if (argc < 2 || !parse_address(argv[1], host, sizeof host, &port) || max_inflight < 0) {
        fprintf(stderr, "usage: campusgw-forwarder [HOST:]PORT [MAX_INFLIGHT]\n");
        return 2;
    }
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    mosquitto_lib_init();
    rc = run(host, port, max_inflight);
    mosquitto_lib_cleanup();
    printf("forwarded %lu\n", g_forwarded);
    return rc;
}
