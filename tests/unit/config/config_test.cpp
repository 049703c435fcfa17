// The admin's view of the config: every error names file:line:column and the key, says
// what was expected, and valid values land in the structs the gateway runs on.
#define BOOST_TEST_MODULE config
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

#include "gateway/config/config.hpp"
#include "gateway/core/civil_time.hpp"

namespace fs = std::filesystem;
using gw::config::load_config;
using gw::config::LoadResult;

namespace {

const std::string kBase =
    "[site]\nid = \"s\"\ntimezone = \"Asia/Shanghai\"\n"   // lines 1-3
    "[gateway]\nid = \"g\"\nstate_dir = \"/tmp/gw\"\n"       // lines 4-6
    "[mqtt]\nurl = \"mqtt://127.0.0.1:1883\"\n";             // lines 7-8

struct Dir {
    fs::path path;
    Dir() {
        char t[] = "/tmp/campusgw-config-test.XXXXXX";
        path = mkdtemp(t);
    }
    ~Dir() { fs::remove_all(path); }
    fs::path write(const std::string& name, const std::string& text) const {
        fs::create_directories((path / name).parent_path());
        std::ofstream(path / name) << text;
        return path / name;
    }
};

LoadResult load(const std::string& text) {
    static Dir dir;
    return load_config(dir.write("campusgw.toml", text).string());
}

/// All rendered errors, one per line.
std::string errors(const LoadResult& r) {
    std::string s;
    for (const auto& e : r.errors) s += e.to_string() + "\n";
    return s;
}

bool has(const LoadResult& r, const std::string& text) {
    return errors(r).find(text) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(unknown_key_with_did_you_mean) {
    auto r = load(kBase + "[[zone]]\nid = \"dorm3\"\nkind = \"dorm\"\nalow_groups = [\"x\"]\n");
    BOOST_TEST(!r.ok());
    BOOST_TEST(has(r, "campusgw.toml:12:1: zone \"dorm3\".alow_groups: unknown key; did you mean 'allow_groups'?"),
               errors(r));
}

BOOST_AUTO_TEST_CASE(wrong_type_and_bad_duration) {
    auto r = load(kBase + "keepalive = 30\nreconnect_max = \"5 minutes\"\n");
    BOOST_TEST(has(r, "campusgw.toml:9:13: mqtt.keepalive:"), errors(r));
    BOOST_TEST(has(r, "campusgw.toml:10:17: mqtt.reconnect_max: expected a duration with a unit"),
               errors(r));
}

BOOST_AUTO_TEST_CASE(out_of_range_values) {
    auto r = load(kBase + "max_inflight = 0\n[outbox]\nmax_events = 10\n");
    BOOST_TEST(has(r, "campusgw.toml:9:16: mqtt.max_inflight:"), errors(r));
    BOOST_TEST(has(r, "campusgw.toml:11:14: outbox.max_events:"), errors(r));
}

BOOST_AUTO_TEST_CASE(duplicate_ids_point_to_the_first) {
    auto r = load(kBase + "[[zone]]\nid = \"z\"\nkind = \"dorm\"\n[[zone]]\nid = \"z\"\nkind = \"gate\"\n");
    BOOST_TEST(has(r, "campusgw.toml:13:6: zone \"z\".id: duplicate zone id \"z\"; first defined at"),
               errors(r));
}

BOOST_AUTO_TEST_CASE(dangling_references) {
    auto r = load(kBase + "[[point]]\nid = \"p\"\nzone = \"nowhere\"\ndevice = \"ghost\"\ndoor = \"gone\"\n");
    BOOST_TEST(has(r, "campusgw.toml:11:8: point \"p\".zone: no zone with id \"nowhere\""), errors(r));
    BOOST_TEST(has(r, "campusgw.toml:12:10: point \"p\".device: no device with id \"ghost\""), errors(r));
    BOOST_TEST(has(r, "point \"p\".door:"), errors(r));
}

BOOST_AUTO_TEST_CASE(missing_required_keys) {
    auto r = load("[site]\ntimezone = \"UTC\"\n[gateway]\nid = \"g\"\n[[zone]]\nkind = \"dorm\"\n");
    BOOST_TEST(has(r, "campusgw.toml:1:1: site.id: required key is missing"), errors(r));
    BOOST_TEST(has(r, "campusgw.toml:5:1: zone #1.id: required key is missing"), errors(r));
}

BOOST_AUTO_TEST_CASE(bad_time_hours_and_meal_windows) {
    auto r = load(kBase +
                  "[[zone]]\nid = \"d\"\nkind = \"dorm\"\ncurfew = { from = \"25:00\", to = \"05:30\" }\n"
                  "[[zone]]\nid = \"l\"\nkind = \"library\"\nhours = [\"funday 07:30-21:30\"]\n"
                  "[[zone]]\nid = \"c\"\nkind = \"canteen\"\n"
                  "meal_windows = [{ name = \"lunch\", from = \"13:00\", to = \"11:00\" }]\n");
    BOOST_TEST(has(r, "campusgw.toml:12:19: zone \"d\".curfew.from: expected a time of day"), errors(r));
    BOOST_TEST(has(r, "campusgw.toml:16:10: zone \"l\".hours[1]: bad days \"funday\""), errors(r));
    BOOST_TEST(has(r, "zone \"c\".meal_windows[1]: a meal window must end after it starts"), errors(r));
}

BOOST_AUTO_TEST_CASE(rules_that_do_not_fit_the_zone_kind) {
    auto r = load(kBase + "[[zone]]\nid = \"c\"\nkind = \"canteen\"\n"
                          "curfew = { from = \"23:00\", to = \"05:00\" }\n");
    BOOST_TEST(has(r, "zone \"c\".curfew"), errors(r));
}

BOOST_AUTO_TEST_CASE(plain_mqtt_only_to_loopback_and_secrets_only_from_files) {
    auto r = load("[site]\nid = \"s\"\n[gateway]\nid = \"g\"\n"
                  "[mqtt]\nurl = \"mqtt://broker.campus.lan:1883\"\npassword = \"hunter2\"\n");
    BOOST_TEST(has(r, "campusgw.toml:6:7: mqtt.url: plain mqtt:// is allowed only to this machine"),
               errors(r));
    BOOST_TEST(has(r, "campusgw.toml:7:1: mqtt.password: secrets are read only from files: use password_file"),
               errors(r));
    BOOST_TEST(errors(r).find("hunter2") == std::string::npos);  // never echo a secret
}

BOOST_AUTO_TEST_CASE(unknown_driver_and_driver_keys) {
    auto r = load(kBase + "[[device]]\nid = \"d1\"\ndriver = \"mqtt_readr\"\n"
                          "[[device]]\nid = \"d2\"\ndriver = \"mqtt_reader\"\ntopik = \"x\"\n");
    BOOST_TEST(has(r, "campusgw.toml:11:10: device \"d1\".driver:"), errors(r));
    BOOST_TEST(has(r, "did you mean 'mqtt_reader'?"), errors(r));
    BOOST_TEST(has(r, "device \"d2\".topik: unknown key; did you mean 'topic'?"), errors(r));
}

BOOST_AUTO_TEST_CASE(desfire_readers_need_a_key_file) {
    const std::string nfc = "[[device]]\nid = \"nfc-1\"\ndriver = \"libnfc\"\n"  // lines 9-11
                            "connstring = \"pn532_uart:/dev/ttyUSB0\"\n";            // line 12
    auto r = load(kBase + nfc + "card_security = \"desfire\"\n");                    // line 13
    BOOST_TEST(has(r, "campusgw.toml:13:1: device \"nfc-1\".card_security: \"desfire\" needs "
                      "desfire_key_file (the read master key of campus-card-v1) as well"),
               errors(r));
    auto ok = load(kBase + nfc + "card_security = \"desfire\"\n"
                               "desfire_key_file = \"/etc/campusgw/desfire-read.key\"\n");
    BOOST_TEST(ok.ok(), errors(ok));
    BOOST_TEST(ok.config.devices[0].str("desfire_key_file") == "/etc/campusgw/desfire-read.key");
    BOOST_TEST(load(kBase + nfc + "card_security = \"uid\"\n").ok());  // uid needs no key
    auto bad = load(kBase + nfc + "card_security = \"aes\"\n");
    BOOST_TEST(has(bad, "campusgw.toml:13:17: device \"nfc-1\".card_security:"), errors(bad));
}

BOOST_AUTO_TEST_CASE(syntax_error_location) {
    auto r = load("[site]\nid = \"s\"\n[gateway\nid = \"g\"\n");
    BOOST_REQUIRE_EQUAL(r.errors.size(), 1u);
    BOOST_TEST(r.errors[0].line == 3);
    BOOST_TEST(has(r, "campusgw.toml:3:"), errors(r));
    BOOST_TEST(has(r, "syntax error"), errors(r));
}

BOOST_AUTO_TEST_CASE(every_error_is_reported_not_just_the_first) {
    auto r = load("[site]\nid = \"Bad Site\"\ntimezone = \"Mars/Olympus\"\n[gateway]\nid = \"g\"\n"
                  "state_dir = \"relative\"\n");
    BOOST_TEST(r.errors.size() >= 3u, errors(r));
    BOOST_TEST(has(r, "site.timezone: unknown time zone \"Mars/Olympus\""), errors(r));
    BOOST_TEST(has(r, "gateway.state_dir: expected an absolute path"), errors(r));
}

BOOST_AUTO_TEST_CASE(conf_d_is_merged_in_name_order) {
    Dir d;
    const auto main = d.write("campusgw.toml", kBase + "[[zone]]\nid = \"z\"\nkind = \"gate\"\n");
    d.write("conf.d/20-points.toml", "[[point]]\nid = \"p2\"\nzone = \"z\"\ndevice = \"r2\"\n");
    d.write("conf.d/10-devices.toml",
            "[[device]]\nid = \"r1\"\ndriver = \"mqtt_reader\"\ntopic = \"t/1\"\n"
            "[[device]]\nid = \"r2\"\ndriver = \"mqtt_reader\"\ntopic = \"t/2\"\n");
    auto r = load_config(main.string());
    BOOST_REQUIRE_MESSAGE(r.ok(), errors(r));
    BOOST_REQUIRE_EQUAL(r.config.devices.size(), 2u);
    BOOST_TEST(r.config.devices[0].id == "r1");
    BOOST_TEST(r.config.points[0].device_id == "r2");
    // a key set in two files is an error naming both places
    d.write("conf.d/30-dup.toml", "[gateway]\nid = \"other\"\n");
    auto dup = load_config(main.string());
    BOOST_TEST(!dup.ok());
    BOOST_TEST(has(dup, "30-dup.toml:2:"), errors(dup));
    BOOST_TEST(has(dup, "campusgw.toml:5:"), errors(dup));
}

BOOST_AUTO_TEST_CASE(valid_values_land_in_the_structs) {
    auto r = load(kBase +
                  "[calendar]\nclosed = [\"2027-02-10\", \"2027-01-01\"]\n"
                  "[[zone]]\nid = \"lib\"\nkind = \"library\"\n"
                  "hours = [\"mon-fri 07:30-21:30\", \"sat 09:00-17:00\", \"fri 22:00-02:00\"]\n"
                  "[[zone]]\nid = \"c\"\nkind = \"canteen\"\n"
                  "meal_windows = [{ name = \"lunch\", from = \"11:00\", to = \"13:00\", quota = 2 }]\n"
                  "[[zone]]\nid = \"d\"\nkind = \"dorm\"\nantipassback = \"hard\"\n"
                  "curfew = { from = \"23:00\", to = \"05:30\", action = \"deny\" }\n"
                  "[[point]]\nid = \"p\"\nzone = \"lib\"\ndevice = \"sim-1\"\nmax_roster_age = \"24h\"\n"
                  "when_stale = \"allow_known\"\n"
                  "[[device]]\nid = \"sim-1\"\ndriver = \"sim\"\ntaps = [\"04A1B2C3\"]\ninterval = \"250ms\"\n");
    BOOST_REQUIRE_MESSAGE(r.ok(), errors(r));
    const auto& c = r.config;
    BOOST_TEST(c.calendar.closed_days.size() == 2u);
    BOOST_TEST(c.calendar.closed_days[0] == *gw::core::parse_date("2027-01-01"));  // sorted
    const auto* lib = c.zone("lib");
    BOOST_REQUIRE(lib);
    BOOST_REQUIRE_EQUAL(lib->hours.size(), 3u);
    BOOST_TEST(lib->hours[0].weekdays == 0x1f);
    BOOST_TEST(lib->hours[0].from == 7 * 60 + 30);
    BOOST_TEST(lib->hours[1].weekdays == 0x20);
    BOOST_TEST(lib->hours[2].from == 22 * 60);  // crossing midnight: from > to
    BOOST_TEST(lib->hours[2].to == 2 * 60);
    BOOST_TEST(c.zone("c")->meal_windows[0].quota == 2);
    BOOST_TEST((c.zone("d")->antipassback == gw::core::AntiPassback::Hard));
    BOOST_TEST((c.zone("d")->curfew->action == gw::core::CurfewAction::Deny));
    BOOST_TEST(c.point("p")->max_roster_age->count() == 24 * 3600);
    BOOST_TEST((c.point("p")->when_stale == gw::core::StalePolicy::AllowKnown));
    BOOST_TEST(c.point_for_device("sim-1")->id == "p");
    const auto* dev = c.device("sim-1");
    BOOST_TEST(dev->list("taps").size() == 1u);
    BOOST_TEST(dev->duration("interval").count() == 250);
    BOOST_TEST(!c.hash.empty());
}

BOOST_AUTO_TEST_CASE(hikvision_remote_check_keys) {
    const std::string hik = "[[device]]\nid = \"face-1\"\ndriver = \"hikvision\"\n"   // lines 9-11
                            "address = \"http://192.168.10.21\"\n";                    // line 12
    auto dflt = load(kBase + hik);
    BOOST_REQUIRE_MESSAGE(dflt.ok(), errors(dflt));
    BOOST_TEST(dflt.config.device("face-1")->str("remote_check") == "auto");
    BOOST_TEST(dflt.config.device("face-1")->duration("remote_check_timeout").count() == 3000);
    auto set = load(kBase + hik + "remote_check = \"always\"\nremote_check_timeout = \"1500ms\"\n");
    BOOST_REQUIRE_MESSAGE(set.ok(), errors(set));
    BOOST_TEST(set.config.device("face-1")->str("remote_check") == "always");
    BOOST_TEST(set.config.device("face-1")->duration("remote_check_timeout").count() == 1500);
    auto bad = load(kBase + hik + "remote_check = true\nremote_check_timeout = \"1m\"\n");
    BOOST_TEST(has(bad, "campusgw.toml:13:16: device \"face-1\".remote_check:"), errors(bad));
    BOOST_TEST(has(bad, "campusgw.toml:14:24: device \"face-1\".remote_check_timeout:"), errors(bad));
}

BOOST_AUTO_TEST_CASE(shipped_example_and_demo_configs_are_valid) {
    for (const char* f : {"/config/campusgw.example.toml", "/config/demo.toml"}) {
        auto r = load_config(std::string(GW_SOURCE_DIR) + f);
        BOOST_TEST(r.ok(), f << "\n" << errors(r));
    }
}
