// campusgw-loadgen: end-to-end load for the gateway (or the do-nothing forwarder).
//
//   campusgw-loadgen --broker HOST:PORT --target gateway|forwarder --cards cards.tsv
//                    [--readers 8] [--window 100] [--warmup 500]
//                    [--sustained 20000] [--rate 500 --seconds 10]
//
// Taps go to bench/in/r01..rNN. A gateway under test has one mqtt_reader point per reader,
// named like the reader (r01..), in a zone without time rules. Prints human-readable results
// and one "RESULT key=value ..." line per phase for scripts (bench/run).
#include <algorithm>
#include <cstring>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <random>
#include <sstream>
#include <stdexcept>

#include "load_generator.hpp"

using namespace gw::bench;

namespace {

using Args = std::map<std::string, std::string>;

Args parse_args(int argc, char** argv) {
    Args a;
    for (int i = 1; i < argc; i += 2) {
        if (std::strncmp(argv[i], "--", 2) != 0 || i + 1 >= argc)
            throw std::invalid_argument(std::string("bad argument near '") + argv[i] + "'");
        a[argv[i] + 2] = argv[i + 1];
    }
    return a;
}

uint64_t num(const Args& a, const std::string& k, uint64_t def) {
    auto it = a.find(k);
    if (it == a.end()) return def;
    size_t used = 0;
    const unsigned long long v = std::stoull(it->second, &used);
    if (used != it->second.size()) throw std::invalid_argument("--" + k + ": not a number");
    return v;
}

/// First column of cards.tsv, shuffled with a fixed seed so every run taps the same order.
std::vector<std::string> load_uids(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::vector<std::string> uids;
    std::string line;
    while (std::getline(in, line))
        if (!line.empty() && line[0] != '#') uids.push_back(line.substr(0, line.find('\t')));
    std::mt19937_64 rng(42);
    std::shuffle(uids.begin(), uids.end(), rng);
    return uids;
}

LoadOptions make_options(const Args& a) {
    LoadOptions o;
    const std::string broker = a.count("broker") ? a.at("broker") : "127.0.0.1:1883";
    const auto colon = broker.rfind(':');
    if (colon != std::string::npos) o.host = broker.substr(0, colon);
    o.port = std::stoi(colon == std::string::npos ? broker : broker.substr(colon + 1));
    const std::string target = a.count("target") ? a.at("target") : "gateway";
    if (target != "gateway" && target != "forwarder")
        throw std::invalid_argument("--target must be gateway or forwarder");
    o.gateway = target == "gateway";
    o.readers = static_cast<int>(std::clamp<uint64_t>(num(a, "readers", 8), 1, 99));
    o.window = static_cast<int>(std::clamp<uint64_t>(num(a, "window", 100), 1, 65535));
    if (!a.count("cards")) throw std::invalid_argument("--cards is required");
    o.uids = load_uids(a.at("cards"));
    return o;
}

void report(const std::string& target, const std::string& mode, const PhaseResult& r,
            uint64_t rate) {
    const double tps = r.seconds > 0 ? static_cast<double>(r.events) / r.seconds : 0;
    const auto& d = r.detail;
    std::cout << std::fixed << std::setprecision(1) << "RESULT target=" << target
              << " mode=" << mode << " rate=" << rate << " taps=" << r.taps
              << " events=" << r.events << " unmatched=" << d.unmatched
              << " seconds=" << std::setprecision(3) << r.seconds << std::setprecision(1)
              << " taps_per_s=" << tps << " e2e_p50_us=" << d.end_to_end_us.percentile(50)
              << " e2e_p99_us=" << d.end_to_end_us.percentile(99)
              << " e2e_max_us=" << d.end_to_end_us.max()
              << " dec_p50_us=" << d.decision_us.percentile(50)
              << " dec_p99_us=" << d.decision_us.percentile(99) << std::endl;
}

int run(const Args& a) {
    LoadOptions o = make_options(a);
    const std::string target = o.gateway ? "gateway" : "forwarder";
    LoadGenerator gen(std::move(o));
    gen.connect();
    int rc = 0;
    auto check = [&](const PhaseResult& r) {
        if (r.events != r.taps) {
            std::cerr << "loadgen: only " << r.events << " of " << r.taps << " taps answered\n";
            rc = 1;
        }
    };
    if (uint64_t w = num(a, "warmup", 500)) check(gen.sustained(w));
    if (uint64_t t = num(a, "sustained", 20000)) {
        const auto r = gen.sustained(t);
        report(target, "sustained", r, 0);
        check(r);
    }
    const uint64_t rate = num(a, "rate", 500), secs = num(a, "seconds", 10);
    if (rate && secs) {
        const auto r = gen.paced(rate, secs);
        report(target, "paced", r, rate);
        check(r);
    }
    return rc;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(parse_args(argc, argv));
    } catch (const std::invalid_argument& e) {
        std::cerr << "campusgw-loadgen: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "campusgw-loadgen: " << e.what() << "\n";
        return 1;
    }
}
