#pragma once
// A log sink for the adapter under test: warnings and worse go to stderr (CTest shows
// them on failure); every line is also kept so a test can assert on what an admin reads.
#include <iostream>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "adapters/mqtt/mqtt_client.hpp"

namespace gw::test {

class TestLog {
public:
    explicit TestLog(std::string name) : name_(std::move(name)) {}

    adp::mqtt::MqttLogFn fn() {
        return [this](int level, std::string line) {
            std::lock_guard lock(mutex_);
            if (level <= 4) std::cerr << "[" << name_ << " " << level << "] " << line << "\n";
            lines_.push_back(std::move(line));
        };
    }

    bool contains(const std::string& needle) const {
        std::lock_guard lock(mutex_);
        for (const auto& l : lines_) {
            if (l.find(needle) != std::string::npos) return true;
        }
        return false;
    }

private:
    std::string name_;
    mutable std::mutex mutex_;
    std::vector<std::string> lines_;
};

}  // namespace gw::test
