#pragma once
// TapLoad: publishes a tap on the MQTT reader r/1 every 2 ms (500/s) until stopped,
// cycling through the cards, from its own thread.
#include <atomic>
#include <thread>

#include "fault_world.hpp"

namespace gw::test {

class TapLoad {
public:
    TapLoad(MqttProbe& probe, int cards)
        : thread_([this, &probe, cards] {
              for (int i = 0; !stop_; ++i) {
                  if (probe.publish("r/1", card_uid(i % cards))) ++sent_;
                  std::this_thread::sleep_for(std::chrono::milliseconds(2));
              }
          }) {}
    ~TapLoad() { stop(); }
    TapLoad(const TapLoad&) = delete;
    TapLoad& operator=(const TapLoad&) = delete;
    void stop() {
        stop_ = true;
        if (thread_.joinable()) thread_.join();
    }
    int sent() const { return sent_; }

private:
    std::atomic<bool> stop_{false};
    std::atomic<int> sent_{0};
    std::thread thread_;
};

}  // namespace gw::test
