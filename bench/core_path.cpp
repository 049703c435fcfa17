// campusgw-core-bench: the gateway's decision path without MQTT, for stable CPU figures.
//
// Opens the state of a config (as `campusgw run` does: store, identity key), then feeds
// presentations of the cards in a cards.tsv (campusgw-sim --cards) round-robin to the
// config's devices, in batches, the way the core loop does: decide + append each, one
// commit per batch, then read the new events back for publishing (pending) and delete the
// previous batch's (remove), as PUBACKs would. Prints CPU time per 1,000 taps.
//
// usage: campusgw-core-bench CONFIG CARDS [TAPS=50000] [BATCH=16]
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "gateway/app/gateway_state.hpp"
#include "gateway/app/system_clock.hpp"
#include "gateway/app/system_time_zone.hpp"
#include "gateway/config/config.hpp"
#include "gateway/core/access_service.hpp"
#include "gateway/core/policy_engine.hpp"

namespace {

using namespace gw;

double cpu_ms() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    const auto ms = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_usec) / 1e3;
    };
    return ms(u.ru_utime) + ms(u.ru_stime);
}

std::vector<std::string> read_uids(const std::string& path) {
    std::vector<std::string> uids;
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);)
        if (auto tab = line.find('\t'); tab != std::string::npos) uids.push_back(line.substr(0, tab));
    std::shuffle(uids.begin(), uids.end(), std::mt19937(7));  // taps come in no order
    return uids;
}

std::shared_ptr<const core::Topology> topology_of(const config::Config& c) {
    return std::make_shared<const core::Topology>(c.zones, c.points, c.calendar);
}

struct Bench {
    app::GatewayState& st;
    core::AccessService& service;
    const core::Topology& topo;
    std::vector<std::string> devices;
    std::vector<std::string> uids;
    std::vector<uint64_t> sent;  // published, "acknowledged" with the next batch
    uint64_t last_sent = 0;

    void batch(size_t first, size_t n) {
        (void)st.store->begin();
        for (size_t i = first; i < first + n; ++i) {
            core::Presentation p;
            p.device_id = devices[i % devices.size()];
            p.secret = uids[i % uids.size()];
            p.received = std::chrono::steady_clock::now();
            (void)service.handle(p, topo);
        }
        (void)st.store->remove(sent);
        sent.clear();
        if (auto c = st.store->commit(); !c) std::cerr << c.error().message() << "\n";
        for (const auto& e : st.store->pending(last_sent, n)) {
            sent.push_back(e.seq);
            last_sent = e.seq;
        }
    }
};

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: campusgw-core-bench CONFIG CARDS [TAPS] [BATCH]\n";
        return 64;
    }
    const size_t taps = argc > 3 ? std::stoul(argv[3]) : 50000;
    const size_t batch = argc > 4 ? std::stoul(argv[4]) : 16;
    auto r = config::load_config(argv[1]);
    if (!r.ok()) {
        for (const auto& e : r.errors) std::cerr << e.to_string() << "\n";
        return 78;
    }
    auto st = app::open_gateway_state(r.config);
    if (!st) {
        std::cerr << st.error().message() << "\n";
        return 1;
    }
    app::SystemClock clock;
    app::SystemTimeZone tz(r.config.site.timezone);
    auto topo = topology_of(r.config);
    core::PolicyEngine engine(*st->store, *st->store, *st->store, *st->hasher, topo->calendar());
    core::AccessService service({r.config.site.id, r.config.gateway.id}, clock, tz, *st->store,
                                engine, *st->store);
    Bench b{st.value(), service, *topo, {}, read_uids(argv[2]), {}, 0};
    for (const auto& d : r.config.devices) b.devices.push_back(d.id);
    if (b.uids.empty() || b.devices.empty()) return 65;
    b.batch(0, batch);  // warm the statement cache
    const double c0 = cpu_ms();
    const auto w0 = std::chrono::steady_clock::now();
    for (size_t i = 0; i < taps; i += batch) b.batch(i, batch);
    const double wall =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - w0).count();
    std::printf("RESULT taps=%zu batch=%zu cpu_ms_per_1000=%.2f wall_ms_per_1000=%.2f\n", taps,
                batch, (cpu_ms() - c0) * 1000.0 / static_cast<double>(taps),
                wall * 1000.0 / static_cast<double>(taps));
    return 0;
}
