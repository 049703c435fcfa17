#include "enrolment_context.hpp"

#include <ctime>

#include "gateway/core/json_writer.hpp"

namespace gw::dev::face {

namespace {

std::string utc_now() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

bool absolute(const std::string& u) { return u.rfind("http://", 0) == 0 || u.rfind("https://", 0) == 0; }

}  // namespace

std::pair<std::string, bool> EnrolmentContext::resolve(const std::string& photo_url) const {
    if (photo_url.empty()) return {"", false};
    std::string base = photo_base;
    while (!base.empty() && base.back() == '/') base.pop_back();
    if (absolute(photo_url)) {
        const bool same = !base.empty() && photo_url.rfind(base + "/", 0) == 0;
        return {photo_url, same};
    }
    if (base.empty() || photo_url.front() != '/') return {"", false};
    return {base + photo_url, true};
}

void EnrolmentContext::publish(const std::string& device, const std::string& event,
                               const std::vector<std::pair<std::string, std::string>>& fields) const {
    if (!bus || event_topic.empty()) return;
    core::JsonWriter w;
    w.begin_object();
    w.field("schema", "campus.device-event/1");
    w.field("time", utc_now());
    w.field("device", device);
    w.field("event", event);
    for (const auto& [k, v] : fields) w.field(k, v);
    w.end_object();
    bus->publish(event_topic, w.take(), 1, false);
}

}  // namespace gw::dev::face
