#pragma once
// SimNotifier: publishes the e-ID system's change notifications (eid-sync-v1 §6) to a
// broker with libmosquitto: `campus/v1/{site}/eid/notify` {"cursor": …} after a roster
// change and `campus/v1/eid/notify` {"revocations": …} after a revocation. Without a
// broker configured it does nothing. Thread-safe (libmosquitto's threaded loop).
#include <string>

struct mosquitto;

namespace gw::tools::eidsim {

class SimNotifier {
public:
    /// `broker` is "host:port" or empty. Throws std::runtime_error if it cannot connect.
    SimNotifier(const std::string& broker, std::string site);
    ~SimNotifier();
    SimNotifier(const SimNotifier&) = delete;
    SimNotifier& operator=(const SimNotifier&) = delete;

    void roster_changed(const std::string& cursor);
    void revocation(const std::string& cursor);

private:
    void publish(const std::string& topic, const std::string& payload);
    std::string site_;
    mosquitto* mosq_ = nullptr;
};

}  // namespace gw::tools::eidsim
