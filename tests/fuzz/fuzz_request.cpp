// Fuzz target: an MQTT request (mqtt-v1 §4) as it reaches the RequestHandler — the op (the
// topic after {base}/request/) on the first line, the payload after it. Every request,
// however broken, must get exactly one response that is a JSON object with a status, and
// a door/open must never succeed without the right signature.
#include <cstdint>
#include <string>
#include <string_view>

#include "gateway/app/request_handler.hpp"

namespace {

using namespace gw;

struct FixedClock final : core::Clock {
    core::SysTime now() const override { return core::SysTime(std::chrono::seconds(1795000000)); }
    bool synced() const override { return true; }
};

struct OnePersonRoster final : core::RosterView {
    std::optional<core::Credential> find_by_uid_key(std::string_view) override { return {}; }
    std::optional<core::Credential> find_credential(std::string_view) override { return {}; }
    std::optional<core::Credential> find_by_ref(std::string_view ref) override {
        if (ref != "k7Qd2xV0") return {};
        return core::Credential{"c-1", "p-1", core::CredentialKind::Desfire,
                                core::CredentialStatus::Active, "", "k7Qd2xV0", ""};
    }
    std::optional<core::Person> find_person(std::string_view id) override {
        if (id != "p-1") return {};
        core::Person p;
        p.id = "p-1";
        p.groups = {"dorm:3"};
        return p;
    }
    std::optional<core::Credential> find_person_credential(std::string_view,
                                                           core::CredentialKind) override {
        return {};
    }
    std::optional<core::SysTime> roster_updated_at() override { return {}; }
    std::string roster_cursor() override { return "1"; }
};

struct CountingBus final : core::MessageBus {
    int responses = 0;
    void subscribe(const std::string&, Handler) override {}
    void publish(const std::string& topic, std::string payload, int, bool) override {
        if (topic.rfind("b/response/", 0) != 0) __builtin_trap();
        if (payload.empty() || payload.front() != '{' || payload.find("\"status\":") == std::string::npos)
            __builtin_trap();
        ++responses;
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view in(reinterpret_cast<const char*>(data), size);
    const auto nl = in.find('\n');
    const std::string op(in.substr(0, nl == std::string_view::npos ? in.size() : nl));
    const std::string payload(nl == std::string_view::npos ? std::string_view() : in.substr(nl + 1));
    static FixedClock clock;
    static OnePersonRoster roster;
    app::Key32 key{};
    key.fill(7);
    app::DoorRequestVerifier doors("s", "g", key);
    CountingBus bus;
    bool opened = false;
    app::RequestHandler h({bus, "b", clock, roster, doors, [] { return std::string("{}"); },
                           [] { return std::string(); },
                           [&opened](const std::string&) {
                               opened = true;
                               return std::string();
                           },
                           {}});
    h.handle(op, payload);
    const bool answered = bus.responses == 1;
    const bool dropped = op.empty() || op.size() > app::RequestHandler::kMaxOp;
    if (answered == dropped) __builtin_trap();  // one response, unless the op is unusable
    // Random bytes cannot carry a valid HMAC: a door must not open.
    if (opened) __builtin_trap();
    return 0;
}
