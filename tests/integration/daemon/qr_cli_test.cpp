// End to end through the real executable: `campusgw trust import`, `qr verify` and the test
// issuer `qr issue` (docs/qr.md). Every case of the eid-qr-v1 vectors must give its expected
// reason and exit code; issued codes must verify against a pinned trust root; a trust list
// whose signature does not verify must not be stored.
#define BOOST_TEST_MODULE qr_cli
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>

#include "gateway_process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace gw::test;
using json = nlohmann::json;

namespace {

json vectors() {
    std::ifstream in(std::string(GW_SOURCE_DIR) + "/tests/data/ceid1-vectors.json");
    return json::parse(in);
}

/// A gateway config with a museum point (any valid e-ID) and a dorm point for `p-1` only.
struct QrWorld {
    TempDir dir{"campusgw-qrcli"};
    std::filesystem::path config = dir / "campusgw.toml";

    explicit QrWorld(const std::string& eid_section = "") {
        std::ofstream(config)
            << "[site]\nid = \"q-site\"\ntimezone = \"Asia/Shanghai\"\n[gateway]\nid = \"q-gw\"\n"
               "state_dir = \"" << (dir / "state").string() << "\"\n"
            << "[mqtt]\nurl = \"mqtt://127.0.0.1:1\"\n[metrics]\nlisten = \"\"\n" << eid_section
            << "[[zone]]\nid = \"museum\"\nkind = \"venue\"\ncategory = \"美\"\n"
               "allow_any_valid_eid = true\n"
               "[[zone]]\nid = \"dorm\"\nkind = \"dorm\"\nallow_groups = [\"dorm:1\"]\n"
               "[[point]]\nid = \"museum-east\"\nname = \"东门\"\nzone = \"museum\"\n"
               "device = \"sim-1\"\nservice = \"博物馆参观\"\nvenue_code = \"310104-0031\"\n"
               "[[point]]\nid = \"dorm-gate\"\nzone = \"dorm\"\ndevice = \"sim-2\"\n"
               "[[device]]\nid = \"sim-1\"\ndriver = \"sim\"\ntaps = [\"04A1B2C3\"]\n"
               "[[device]]\nid = \"sim-2\"\ndriver = \"sim\"\ntaps = [\"04A1B2C3\"]\n";
    }

    /// `campusgw ARGS --config FILE`; `qr verify` gets `--at now` (a fixed clock counts as
    /// synchronised: a test machine's own clock may not be, and then steps 5 and 7 are skipped).
    CommandResult run(std::vector<std::string> args) {
        if (args.size() > 1 && args[1] == "verify" &&
            std::find(args.begin(), args.end(), "--at") == args.end()) {
            args.push_back("--at");
            args.push_back(std::to_string(std::time(nullptr)));
        }
        args.push_back("--config");
        args.push_back(config.string());
        return run_campusgw(args, dir.path());
    }

    std::filesystem::path write(const std::string& name, const std::string& text) {
        std::ofstream(dir / name) << text;
        return dir / name;
    }
};

/// The last line of the output: the JSON verdict of `qr verify`.
json verdict(const CommandResult& r) {
    auto end = r.output.find_last_not_of('\n');
    auto start = r.output.rfind('\n', end);
    return json::parse(r.output.substr(start == std::string::npos ? 0 : start + 1));
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_vector_gives_its_reason_through_qr_verify) {
    const json v = vectors();
    QrWorld w;
    const auto tl = w.write("trustlist.json", v["trustlist"].dump());
    auto imported = w.run({"trust", "import", tl.string()});
    BOOST_TEST(imported.exit_code == 0, imported.output);
    BOOST_TEST(imported.output.find("version 1, 2 keys") != std::string::npos, imported.output);
    json roster = {{"cursor", "c1"}, {"full", true}, {"persons", json::array()},
                   {"credentials", json::array()}};
    for (const auto& cid : v["revoked_cids"])
        roster["credentials"].push_back(
            {{"id", cid}, {"person", "p-gone"}, {"kind", "eid_qr"}, {"status", "revoked"}});
    auto r = w.run({"roster", "import", w.write("roster.json", roster.dump()).string()});
    BOOST_TEST_REQUIRE(r.exit_code == 0, r.output);

    const std::string at = std::to_string(v["now"].get<long long>());
    for (const auto& c : v["cases"]) {
        BOOST_TEST_CONTEXT(c["name"].get<std::string>()) {
            auto res = w.run({"qr", "verify", c["qr"].get<std::string>(), "--at", at});
            const json out = verdict(res);
            BOOST_TEST(out["reason"] == c["expect"].get<std::string>(), res.output);
            BOOST_TEST(out["decision"] == c["expect_decision"].get<std::string>());
            BOOST_TEST(res.exit_code == (c["expect_decision"] == "allow" ? 0 : 1));
            BOOST_TEST(res.output.find("CEID1:") == std::string::npos);  // never echoed
        }
    }
}

BOOST_AUTO_TEST_CASE(issued_codes_verify_against_a_pinned_trust_root) {
    TempDir keys("campusgw-qrkeys");
    const std::string now = std::to_string(std::time(nullptr));
    auto issue = [&](std::vector<std::string> extra) {
        std::vector<std::string> args{"qr", "issue", "--dir", keys.path().string(),
                                      "--person", "p-1", "--cid", "00112233aabbccdd"};
        args.insert(args.end(), extra.begin(), extra.end());
        auto r = run_campusgw(args, keys.path());
        BOOST_TEST_REQUIRE(r.exit_code == 0, r.output);
        return r.output.substr(0, r.output.find('\n'));
    };
    const std::string valid = issue({"--png", (keys / "code.png").string()});
    BOOST_TEST(valid.rfind("CEID1:", 0) == 0);
    const std::string png = slurp(keys / "code.png");
    BOOST_TEST(png.substr(1, 3) == "PNG");

    QrWorld w("[eid]\nurl = \"http://127.0.0.1:1\"\ntrust_root = \"" +
              (keys / "trust-root.pem").string() + "\"\n");
    auto unsigned_import = w.run({"trust", "import", (keys / "trustlist.json").string()});
    BOOST_TEST(unsigned_import.exit_code == 65, unsigned_import.output);
    BOOST_TEST(unsigned_import.output.find("--signature") != std::string::npos);
    const auto bad_sig = w.write("bad.sig", "es256=AAAA\n");
    auto forged_import = w.run({"trust", "import", (keys / "trustlist.json").string(),
                                "--signature", bad_sig.string()});
    BOOST_TEST(forged_import.exit_code == 65, forged_import.output);
    BOOST_TEST(forged_import.output.find("does not verify") != std::string::npos);
    BOOST_TEST(w.run({"qr", "verify", valid}).output.find("unknown_issuer") != std::string::npos);

    auto ok = w.run({"trust", "import", (keys / "trustlist.json").string(), "--signature",
                     (keys / "trustlist.sig").string()});
    BOOST_TEST_REQUIRE(ok.exit_code == 0, ok.output);
    auto allowed = w.run({"qr", "verify", valid});
    BOOST_TEST(allowed.exit_code == 0, allowed.output);
    BOOST_TEST(verdict(allowed)["person"] == "p-1");
    BOOST_TEST(verdict(allowed)["cid"] == "00112233aabbccdd");

    BOOST_TEST(verdict(w.run({"qr", "verify", issue({"--forge"})}))["reason"] == "bad_signature");
    BOOST_TEST(verdict(w.run({"qr", "verify", issue({"--compressed"})}))["reason"] == "ok");
    const std::string old = std::to_string(std::stoll(now) - 600);
    BOOST_TEST(verdict(w.run({"qr", "verify", issue({"--at", old})}))["reason"] ==
               "token_expired");
    BOOST_TEST(verdict(w.run({"qr", "verify", "HELLO-123"}))["reason"] == "malformed");
}

BOOST_AUTO_TEST_CASE(qr_verify_at_a_point_runs_its_policy) {
    TempDir keys("campusgw-qrkeys2");
    auto code = run_campusgw({"qr", "issue", "--dir", keys.path().string(), "--person",
                              "p-visitor"}, keys.path());
    BOOST_TEST_REQUIRE(code.exit_code == 0, code.output);
    const std::string text = code.output.substr(0, code.output.find('\n'));
    QrWorld w;
    BOOST_TEST_REQUIRE(w.run({"trust", "import", (keys / "trustlist.json").string()}).exit_code == 0);
    // Another school's student: welcome at the museum, unknown at the dorm.
    auto museum = w.run({"qr", "verify", text, "--point", "museum-east"});
    BOOST_TEST(museum.exit_code == 0, museum.output);
    BOOST_TEST(verdict(museum)["flags"].dump().find("other_school") != std::string::npos);
    auto dorm = w.run({"qr", "verify", text, "--point", "dorm-gate"});
    BOOST_TEST(dorm.exit_code == 1, dorm.output);
    BOOST_TEST(verdict(dorm)["reason"] == "unknown_credential");
    auto nowhere = w.run({"qr", "verify", text, "--point", "nowhere"});
    BOOST_TEST(nowhere.exit_code == 65);
    BOOST_TEST(nowhere.output.find("no point \"nowhere\"") != std::string::npos);
}
