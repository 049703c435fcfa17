#pragma once
// Loopback TCP port helpers for tests that start servers (brokers, emulators).
#include <chrono>
#include <cstdint>

namespace gw::test {

/// A port on 127.0.0.1 that nothing listens on right now. Picked at random from
/// 20000-32767, below Linux's ephemeral range, so outgoing connections of parallel tests
/// do not grab it between this call and the server's bind(). Throws if none is found.
uint16_t find_free_port();

/// True once a TCP connect to 127.0.0.1:port succeeds, false after `timeout`.
bool wait_port_open(uint16_t port, std::chrono::milliseconds timeout);

}  // namespace gw::test
