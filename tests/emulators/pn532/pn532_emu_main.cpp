// campusgw-pn532-emu: the PN532 emulator as a program, for the demo, benchmarks and manual
// runs against campusgw or libnfc's own tools (nfc-list, nfc-poll).
//
//   campusgw-pn532-emu --link /tmp/ttyPN532 [--master-key-file FILE]
//
// Creates a pty and a symlink to it at --link (use connstring "pn532_uart:/tmp/ttyPN532"),
// prints "ready <link>", then reads commands on stdin, one per line, and answers "ok" or
// "error: …" on stdout:
//   desfire UID CREDENTIAL   a genuine campus card (key 1 diversified from the master key)
//   clone UID CREDENTIAL     the same UID and file, but a guessed key (a cloned card)
//   uid UID                  a UID-only card (MIFARE Classic)
//   remove                   takes the card away
//   silent | garbage | stall | resume     reader faults (see pn532_emulator.hpp)
//   unplug | replug          the adapter disappears / comes back
//   sleep MS                 waits
// UIDs are hex (4 or 7 bytes). EOF or "quit" ends it. Test input only: it prints no UIDs.
#include <chrono>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <thread>

#include "devices/nfc/desfire/campus_card.hpp"
#include "devices/nfc/desfire/master_key_file.hpp"
#include "pn532_emulator.hpp"

using namespace gw::test::pn532;
namespace df = gw::dev::nfc::desfire;

namespace {

std::optional<Bytes> parse_uid(const std::string& hex) {
    if (hex.size() != 8 && hex.size() != 14) return std::nullopt;
    Bytes out;
    for (size_t i = 0; i < hex.size(); i += 2) {
        try {
            out.push_back(static_cast<uint8_t>(std::stoul(hex.substr(i, 2), nullptr, 16)));
        } catch (...) {
            return std::nullopt;
        }
    }
    return out;
}

struct Session {
    Pn532Emulator& emu;
    std::optional<df::AesKey> master;

    /// One command line; "" when done, else the error.
    std::string run(std::istringstream& in, const std::string& cmd) {
        using Fn = std::function<std::string(std::istringstream&)>;
        const std::map<std::string, Fn> table = {
            {"desfire", [&](auto& a) { return place_campus(a, true); }},
            {"clone", [&](auto& a) { return place_campus(a, false); }},
            {"uid", [&](auto& a) { return place_uid(a); }},
            {"remove", [&](auto&) { return emu.remove_card(), std::string(); }},
            {"silent", [&](auto&) { return emu.go_silent(), std::string(); }},
            {"garbage", [&](auto&) { return emu.send_garbage(), std::string(); }},
            {"stall", [&](auto&) { return emu.stall(), std::string(); }},
            {"resume", [&](auto&) { return emu.resume(), std::string(); }},
            {"unplug", [&](auto&) { return emu.unplug(), std::string(); }},
            {"replug", [&](auto&) { return emu.replug(), std::string(); }},
            {"sleep", [&](auto& a) { return sleep(a); }},
        };
        const auto it = table.find(cmd);
        return it == table.end() ? "unknown command '" + cmd + "'" : it->second(in);
    }

    std::string place_campus(std::istringstream& in, bool genuine) {
        std::string hex, credential;
        in >> hex >> credential;
        const auto uid = parse_uid(hex);
        if (!uid || credential.empty()) return "usage: desfire|clone UID CREDENTIAL";
        if (!master) return "no --master-key-file given";
        auto key = df::campus_read_key(*master, *uid);
        if (!key) return key.error().message();
        df::AesKey read_key = *key;
        if (!genuine) read_key[5] ^= 0xA5;  // right UID, wrong key: what a cloner can make
        emu.place_card(Card::desfire_ev1(*uid, DesfireApp::campus(read_key, credential)));
        return {};
    }

    std::string place_uid(std::istringstream& in) {
        std::string hex;
        in >> hex;
        const auto uid = parse_uid(hex);
        if (!uid) return "usage: uid UID";
        emu.place_card(Card::uid_only(*uid));
        return {};
    }

    static std::string sleep(std::istringstream& in) {
        long ms = -1;
        in >> ms;
        if (ms < 0) return "usage: sleep MS";
        std::this_thread::sleep_for(std::chrono::milliseconds(ms));
        return {};
    }
};

int usage() {
    std::cerr << "usage: campusgw-pn532-emu --link PATH [--master-key-file FILE]\n";
    return 64;
}

}  // namespace

int main(int argc, char** argv) {
    std::string link, key_file;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string opt = argv[i];
        if (opt == "--link")
            link = argv[i + 1];
        else if (opt == "--master-key-file")
            key_file = argv[i + 1];
        else
            return usage();
    }
    if (link.empty() || argc % 2 == 0) return usage();
    std::optional<df::AesKey> master;
    if (!key_file.empty()) {
        auto k = df::load_master_key(key_file);
        if (!k) {
            std::cerr << "campusgw-pn532-emu: " << key_file << ": " << k.error().message() << "\n";
            return 78;
        }
        master = *k;
    }
    Pn532Emulator emu(link);
    Session s{emu, master};
    std::cout << "ready " << link << std::endl;
    std::string line;
    while (std::getline(std::cin, line)) {
        std::istringstream in(line);
        std::string cmd;
        if (!(in >> cmd) || cmd.starts_with("#")) continue;
        if (cmd == "quit") break;
        const std::string err = s.run(in, cmd);
        std::cout << (err.empty() ? "ok" : "error: " + err) << std::endl;
    }
    return 0;
}
