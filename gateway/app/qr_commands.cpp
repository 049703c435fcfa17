#include "qr_commands.hpp"

#include <filesystem>
#include <iostream>

#include "adapters/eid/trust_list_parser.hpp"
#include "adapters/eid/trust_root.hpp"
#include "gateway/config/config.hpp"
#include "gateway/core/json_writer.hpp"
#include "gateway/core/policy_engine.hpp"
#include "gateway/core/topology.hpp"
#include "command_support.hpp"
#include "qr_service.hpp"
#include "system_clock.hpp"
#include "system_time_zone.hpp"

namespace gw::app {

namespace {

std::string trim(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
    return s;
}

/// The detached signature, when [eid] pins a trust root: required and checked.
int check_signature(const config::Config& cfg, const std::string& body,
                    const std::string& signature_file, std::string& signature) {
    if (!signature_file.empty() && !read_file(signature_file, signature)) {
        std::cerr << "campusgw: cannot read " << signature_file << "\n";
        return kExDataErr;
    }
    signature = trim(signature);
    if (cfg.eid.trust_root.empty()) {
        std::cerr << "campusgw: warning: no [eid] trust_root is pinned; the trust list is "
                     "stored without a signature check\n";
        return 0;
    }
    auto root = adp::eid::TrustRoot::load(cfg.eid.trust_root);
    if (!root) {
        std::cerr << "campusgw: [eid] trust_root: " << root.error().message() << "\n";
        return kExConfig;
    }
    if (signature.empty()) {
        std::cerr << "campusgw: a trust root is pinned: give the body's signature with "
                     "--signature FILE (its Content-Signature value, \"es256=…\")\n";
        return kExDataErr;
    }
    if (!root->verify(body, signature)) {
        std::cerr << "campusgw: the trust list's signature does not verify against "
                  << cfg.eid.trust_root << "; nothing stored\n";
        return kExDataErr;
    }
    return 0;
}

}  // namespace

int cmd_trust_import(const std::string& config_path, const std::string& file,
                     const std::string& signature_file) {
    std::string body;
    if (!read_input(file, body)) return kExDataErr;
    auto list = adp::eid::parse_trust_list(body);
    if (!list) {
        std::cerr << "campusgw: " << file << ": " << list.error().message() << "\n";
        return kExDataErr;
    }
    StateHandle o;
    if (int rc = open_state(config_path, o)) return rc;
    std::string signature;
    if (int rc = check_signature(o.cfg, body, signature_file, signature)) return rc;
    auto held = o.state.store->stored_trust_list();
    if (held && held->version > list->version) {
        std::cerr << "campusgw: the stored trust list is newer (version " << held->version
                  << " > " << list->version << "); nothing stored\n";
        return kExDataErr;
    }
    core::SignedTrustList signed_list{list->version, body, signature};
    if (auto st = o.state.store->store_trust_list(signed_list); !st) {
        std::cerr << "campusgw: trust import failed: " << st.error().message() << "\n";
        return 1;
    }
    std::cout << "trust list imported: version " << list->version << ", "
              << list->keys.size() << " keys, " << list->rejected << " rejected\n";
    return list->rejected > 0 ? 2 : 0;
}

namespace {

class FixedClock final : public core::Clock {
public:
    explicit FixedClock(core::SysTime t) : t_(t) {}
    core::SysTime now() const override { return t_; }
    bool synced() const override { return true; }

private:
    core::SysTime t_;
};

bool read_text(const QrVerifyOptions& o, std::string& text) {
    text = o.text;
    if (!text.empty() && text != "-") return true;
    return static_cast<bool>(std::getline(std::cin, text));
}

void print_verdict(const core::qr::Verification& v, const core::Decision* d) {
    const bool genuine = v.reason == core::Reason::Ok || v.reason == core::Reason::Revoked;
    const bool allow = d ? d->allowed() : v.reason == core::Reason::Ok;
    core::JsonWriter w;
    w.begin_object();
    w.field("decision", allow ? "allow" : "deny");
    w.field("reason", core::to_string(d ? d->reason : v.reason));
    if (genuine) w.field("person", v.sub);
    if (v.decoded) {
        w.field("cid", v.cid).field("credential_name", v.tname).field("issuer", v.iss);
        w.field("t", v.t);
    }
    if (d && !d->flags.empty()) {
        w.key("flags").begin_array();
        for (const auto& f : d->flags) w.value(f);
        w.end_array();
    }
    w.end_object();
    std::cout << w.str() << "\n";
}

}  // namespace

int cmd_qr_verify(const std::string& config_path, const QrVerifyOptions& o) {
    std::string text;
    if (!read_text(o, text)) {
        std::cerr << "campusgw: no QR text given (argument or one line on stdin)\n";
        return kExDataErr;
    }
    StateHandle st;
    if (int rc = open_state(config_path, st)) return rc;
    auto svc = QrService::create(st.cfg, *st.state.store);
    if (!svc) {
        std::cerr << "campusgw: " << svc.error().message() << "\n";
        return kExConfig;
    }
    SystemClock system_clock(st.cfg.gateway.clock_trusted);
    FixedClock fixed(core::SysTime(std::chrono::seconds(o.at.value_or(0))));
    const core::Clock& clock = o.at ? static_cast<const core::Clock&>(fixed) : system_clock;
    core::Topology topology(st.cfg.zones, st.cfg.points, st.cfg.calendar);
    const core::AccessPoint* point = topology.point(o.point);
    if (!o.point.empty() && !point) {
        std::cerr << "campusgw: no point \"" << o.point << "\" in " << config_path << "\n";
        return kExDataErr;
    }
    core::AccessPoint cli_point;
    cli_point.id = "cli";
    auto v = svc.value()->gate().verify(text, point ? *point : cli_point, clock.now(),
                                         clock.synced());
    if (!point) {
        print_verdict(v, nullptr);
        return v.reason == core::Reason::Ok ? 0 : 1;
    }
    SystemTimeZone tz(st.cfg.site.timezone);
    core::PolicyEngine engine(*st.state.store, *st.state.store, *st.state.store,
                              *st.state.hasher, topology.calendar());
    std::optional<std::chrono::seconds> age;
    if (auto at = st.state.store->roster_updated_at())
        age = std::chrono::duration_cast<std::chrono::seconds>(clock.now() - *at);
    core::DecisionContext ctx{*point, *topology.zone(point->zone_id), clock.now(),
                              tz.to_local(clock.now()), clock.synced(), age, &v};
    core::Presentation p;
    p.device_id = "cli";
    p.kind = core::PresentationKind::QrText;
    p.secret = text;
    (void)st.state.store->begin();  // the policy's counters are rolled back: nothing recorded
    const core::Decision d = engine.decide(p, ctx);
    st.state.store->rollback();
    print_verdict(v, &d);
    return d.allowed() ? 0 : 1;
}

}  // namespace gw::app
