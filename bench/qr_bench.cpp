// campusgw-qr-bench: offline CEID1 verification cost on one core (eid-qr-v1 §4, steps 1-9)
// for the spec's `valid` vector: verifications per second and the per-token latency
// percentiles, in wall time and in this thread's CPU time (on a busy machine the wall-time
// tail is the scheduler's, the CPU-time tail is ours).
// Usage: campusgw-qr-bench [iterations] [vectors.json]
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "adapters/crypto/es256_verifier.hpp"
#include "gateway/core/qr/ceid1_token.hpp"
#include "latency_stats.hpp"
#include "tests/unit/qr/ceid1_vectors.hpp"

using namespace gw;
using Clock = std::chrono::steady_clock;

namespace {

double us(int64_t ns) {
    return static_cast<double>(ns) / 1000.0;
}

int64_t thread_cpu_ns() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return int64_t{ts.tv_sec} * 1000000000 + ts.tv_nsec;
}

struct Samples {
    bench::LatencyStats wall, cpu;  // nanoseconds
    double seconds = 0;
    int64_t cpu_total = 0;
};

template <class F>
Samples measure(long iterations, F&& one) {
    Samples s;
    const auto start = Clock::now();
    const int64_t cpu_start = thread_cpu_ns();
    for (long i = 0; i < iterations; ++i) {
        const auto t0 = Clock::now();
        const int64_t c0 = thread_cpu_ns();
        one();
        s.cpu.add(thread_cpu_ns() - c0);
        s.wall.add(std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count());
    }
    s.cpu_total = thread_cpu_ns() - cpu_start;
    s.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return s;
}

void report(const char* what, long iterations, const Samples& s) {
    const double n = static_cast<double>(iterations);
    std::printf("%s: %ld runs\n", what, iterations);
    std::printf("  wall: %9.0f /s  p50 %8.1f us  p99 %8.1f us  max %8.1f us\n", n / s.seconds,
                us(s.wall.percentile(50)), us(s.wall.percentile(99)), us(s.wall.max()));
    std::printf("  cpu:  %9.0f /s  p50 %8.1f us  p99 %8.1f us  max %8.1f us\n",
                n / (static_cast<double>(s.cpu_total) / 1e9), us(s.cpu.percentile(50)),
                us(s.cpu.percentile(99)), us(s.cpu.max()));
}

}  // namespace

int main(int argc, char** argv) {
    const long iterations = argc > 1 ? std::atol(argv[1]) : 20000;
    const auto v = argc > 2 ? test::load_ceid1_vectors(argv[2]) : test::load_ceid1_vectors();
    const std::string qr = v.find("valid").qr;
    adp::crypto::Es256Verifier sig;
    core::qr::ReplayCache replay(4096, v.window, v.skew);
    core::qr::Ceid1Verifier verifier(sig, replay);
    const test::SetRevocations revoked(v.revoked);
    const core::qr::VerifyParams params{v.now, v.skew, v.window, true};

    bool all_ok = true;
    auto verify = [&] {
        all_ok &= verifier.verify(qr, "door-1", v.keys, revoked, params).reason == core::Reason::Ok;
    };
    measure(iterations / 10 + 1, verify);  // warm-up: key cache, allocator
    report("verify, steps 1-9", iterations, measure(iterations, verify));
    size_t sink = 0;
    report("decode only, steps 1-2", iterations,
           measure(iterations, [&] { sink += core::qr::decode_ceid1(qr)->sub.size(); }));
    if (!all_ok || sink == 0) {
        std::fprintf(stderr, "qr-bench: the valid vector did not verify\n");
        return 1;
    }
    return 0;
}
