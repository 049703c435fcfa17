#include "zkteco_emulator.hpp"

#include <sstream>

#include "http_fixture_server.hpp"

namespace gw::test {

namespace {

/// "PIN=1001\tName=x\t..." -> value of key.
std::string field(const std::string& args, const std::string& key) {
    std::istringstream in(args);
    std::string kv;
    while (std::getline(in, kv, '\t'))
        if (kv.rfind(key + "=", 0) == 0) return kv.substr(key.size() + 1);
    return {};
}

}  // namespace

std::pair<int, std::string> ZktecoEmulator::handshake() {
    return http_call("GET", url_ + "/iclock/cdata?SN=" + sn_ + "&options=all&pushver=2.4.1&language=83");
}

std::pair<int, std::string> ZktecoEmulator::upload(const std::string& table, const std::string& body) {
    return http_call("POST", url_ + "/iclock/cdata?SN=" + sn_ + "&table=" + table + "&Stamp=9999",
                     "text/plain", body);
}

int ZktecoEmulator::execute(const std::string& command) {
    if (fail_next_ > 0) {
        --fail_next_;
        return -1002;
    }
    const std::string upd = "DATA UPDATE USERINFO ";
    const std::string del = "DATA DELETE USERINFO ";
    if (command.rfind(upd, 0) == 0) {
        const auto args = command.substr(upd.size());
        const auto pin = field(args, "PIN");
        if (pin.empty()) return -1001;
        users_[pin] = field(args, "Name");
        return 0;
    }
    if (command.rfind(del, 0) == 0) {
        users_.erase(field(command.substr(del.size()), "PIN"));
        return 0;
    }
    return -1001;  // unknown command
}

size_t ZktecoEmulator::poll() {
    auto [code, answer] = http_call("GET", url_ + "/iclock/getrequest?SN=" + sn_);
    last_answer_ = answer;
    if (code != 200 || answer == "OK") return 0;
    std::istringstream in(answer);
    std::string line, results;
    size_t n = 0;
    while (std::getline(in, line)) {
        if (line.rfind("C:", 0) != 0) continue;
        const auto colon = line.find(':', 2);
        if (colon == std::string::npos) continue;
        const auto id = line.substr(2, colon - 2);
        const int rc = execute(line.substr(colon + 1));
        results += "ID=" + id + "&Return=" + std::to_string(rc) + "&CMD=DATA\n";
        ++n;
    }
    if (n) http_call("POST", url_ + "/iclock/devicecmd?SN=" + sn_, "text/plain", results);
    return n;
}

}  // namespace gw::test
