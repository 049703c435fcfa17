#pragma once
// Time bounds of tests, scaled for slow builds: GW_TEST_TIME_SCALE (a factor, default 1)
// multiplies a bound such as "SIGTERM ends the gateway within a second". scripts/sanitize
// sets it: code under ASan or TSan runs several times slower.
#include <chrono>
#include <cstdlib>

namespace gw::test {

inline double time_scale() {
    const char* s = std::getenv("GW_TEST_TIME_SCALE");
    const double f = s ? std::atof(s) : 1.0;
    return f >= 1.0 ? f : 1.0;
}

/// `d` times GW_TEST_TIME_SCALE.
template <class Rep, class Period>
std::chrono::milliseconds scaled(std::chrono::duration<Rep, Period> d) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(d);
    const double scaled_ms = static_cast<double>(ms.count()) * time_scale();
    return std::chrono::milliseconds(static_cast<long long>(scaled_ms));
}

}  // namespace gw::test
