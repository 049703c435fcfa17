// Without libFuzzer (g++ builds, CI smoke runs): replays every seed in the corpus folders
// given on the command line, then feeds N deterministic mutations of them. A crash, a
// sanitizer report or a hang fails the ctest run. With GW_FUZZ=ON (clang) this file is not
// linked and libFuzzer's own main drives the target.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

std::vector<std::string> load_seeds(int argc, char** argv) {
    std::vector<std::string> seeds;
    for (int i = 1; i < argc; ++i) {
        if (argv[i][0] == '-') continue;
        for (const auto& e : std::filesystem::directory_iterator(argv[i])) {
            std::ifstream in(e.path(), std::ios::binary);
            seeds.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        }
    }
    return seeds;
}

std::string mutate(std::string s, std::mt19937& rng) {
    const int ops = 1 + static_cast<int>(rng() % 4);
    for (int k = 0; k < ops; ++k) {
        const size_t pos = s.empty() ? 0 : rng() % s.size();
        switch (rng() % 5) {
        case 0: if (!s.empty()) s[pos] = static_cast<char>(s[pos] ^ (1 << (rng() % 8))); break;
        case 1: s.insert(pos, 1, static_cast<char>(rng() % 256)); break;
        case 2: if (!s.empty()) s.erase(pos, 1 + rng() % 8); break;
        case 3: s.resize(pos); break;
        default: s.insert(pos, s.substr(pos, rng() % 16)); break;
        }
    }
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    const auto seeds = load_seeds(argc, argv);
    const char* env = std::getenv("GW_FUZZ_RUNS");
    const long runs = env ? std::atol(env) : 20000;
    for (const auto& s : seeds)
        LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(s.data()), s.size());
    std::mt19937 rng(20261122);
    for (long i = 0; i < runs && !seeds.empty(); ++i) {
        const std::string m = mutate(seeds[rng() % seeds.size()], rng);
        LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(m.data()), m.size());
    }
    std::printf("fuzz replay: %zu seeds, %ld mutations, no crash\n", seeds.size(), runs);
    return 0;
}
