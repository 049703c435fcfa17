#include "ceid1_vectors.hpp"

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "adapters/eid/trust_list_parser.hpp"

namespace gw::test {

const Ceid1Case& Ceid1Vectors::find(const std::string& name) const {
    for (const auto& c : cases)
        if (c.name == name) return c;
    throw std::runtime_error("no vector case " + name);
}

Ceid1Vectors load_ceid1_vectors(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    const auto j =
        nlohmann::json::parse(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    Ceid1Vectors v;
    v.now = core::SysTime(std::chrono::seconds(j.at("now").get<int64_t>()));
    v.skew = std::chrono::seconds(j.at("skew_seconds").get<int64_t>());
    v.window = j.at("window_steps").get<int>();
    auto list = adp::eid::parse_trust_list(j.at("trustlist").dump());
    if (!list) throw std::runtime_error("vectors: bad trust list");
    v.keys = core::qr::issuer_keys_from(*list);
    for (const auto& cid : j.at("revoked_cids")) v.revoked.insert(cid.get<std::string>());
    v.issuer_private_key_pem = j.at("issuer_private_key_pem").get<std::string>();
    v.holder_private_key_pem = j.at("holder_private_key_pem").get<std::string>();
    for (const auto& c : j.at("cases"))
        v.cases.push_back(
            Ceid1Case{c.at("name"), c.at("qr"), c.at("expect"), c.at("expect_decision"),
                      c.contains("sub") && c["sub"].is_string() ? c["sub"].get<std::string>()
                                                                : std::string()});
    return v;
}

}  // namespace gw::test
