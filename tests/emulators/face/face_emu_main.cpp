// campusgw-face-emu: the face terminal emulators as a program, for the demo and manual runs
// against campusgw: a Hikvision ISAPI face terminal (HikvisionEmulator) with a photo server
// for enrolment, and a ZKTeco PUSH attendance terminal (ZktecoEmulator) talking to the
// gateway's /iclock listener.
//
//   campusgw-face-emu --hik-user USER --hik-password-file FILE
//       [--push-url URL --push-user USER --push-password-file FILE]
//       [--zk-url URL --zk-serial SN]
//
// Prints "hikvision URL" (the terminal's ISAPI address), "photos URL" (a JPEG for
// photo_url: URL/face.jpg) and "ready", then reads commands on stdin, one per line, and
// answers one line on stdout, "ok …" or "error: …":
//   face PERSON SCORE   the terminal recognised PERSON (its employeeNo) with this
//                       similarity (0..1) and pushes the event to --push-url → "ok STATUS"
//   stranger            a face the terminal did not recognise (minor 76) → "ok STATUS"
//   doors               → "ok N": door-open requests received (ISAPI RemoteControl)
//   enrolled            → "ok persons=N faces=M" on the Hikvision terminal
//   zk-handshake        → "ok STATUS"
//   zk-poll             one command poll → "ok N" commands carried out
//   zk-users            → "ok N" users on the ZKTeco terminal
//   zk-punch PIN YYYY-MM-DD HH:MM:SS   an ATTLOG record (face verified) → "ok STATUS ANSWER"
// EOF or "quit" ends it. Test input only.
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>

#include "hikvision_emulator.hpp"
#include "http_fixture_server.hpp"
#include "test_jpeg.hpp"
#include "zkteco_emulator.hpp"

using namespace gw::test;

namespace {

std::string first_line(const std::string& path) {
    std::ifstream in(path);
    std::string line;
    if (!in || !std::getline(in, line)) throw std::runtime_error("cannot read " + path);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    return line;
}

struct Session {
    std::map<std::string, std::string>& opt;
    HikvisionEmulator& hik;
    std::unique_ptr<ZktecoEmulator> zk;
    std::string push_password;
    uint64_t serial = 1000;

    std::string run(std::istringstream& in, const std::string& cmd) {
        using Fn = std::function<std::string(std::istringstream&)>;
        const std::map<std::string, Fn> table = {
            {"face", [&](auto& a) { return face(a); }},
            {"stranger",
             [&](auto&) {
                 return push(HikvisionEmulator::face_event("", std::nullopt, ++serial, 76));
             }},
            {"doors", [&](auto&) { return "ok " + std::to_string(hik.door_requests().size()); }},
            {"enrolled", [&](auto&) { return enrolled(); }},
            {"zk-handshake",
             [&](auto&) {
                 return need_zk() ? "ok " + std::to_string(zk->handshake().first) : no_zk();
             }},
            {"zk-poll",
             [&](auto&) { return need_zk() ? "ok " + std::to_string(zk->poll()) : no_zk(); }},
            {"zk-users",
             [&](auto&) {
                 return need_zk() ? "ok " + std::to_string(zk->users().size()) : no_zk();
             }},
            {"zk-punch", [&](auto& a) { return punch(a); }},
        };
        const auto it = table.find(cmd);
        return it == table.end() ? "error: unknown command '" + cmd + "'" : it->second(in);
    }

    bool need_zk() const { return zk != nullptr; }
    static std::string no_zk() { return "error: no --zk-url given"; }

    std::string face(std::istringstream& in) {
        std::string person;
        double score = -1;
        in >> person >> score;
        if (person.empty() || score < 0 || score > 1) return "error: usage: face PERSON SCORE";
        return push(HikvisionEmulator::face_event(person, score, ++serial));
    }

    std::string push(const std::string& event) {
        if (!opt.count("push-url")) return "error: no --push-url given";
        const int status = HikvisionEmulator::push(opt["push-url"], event, true, "event_log",
                                                   opt["push-user"], push_password);
        return "ok " + std::to_string(status);
    }

    std::string enrolled() const {
        return "ok persons=" + std::to_string(hik.persons().size()) +
               " faces=" + std::to_string(hik.faces().size());
    }

    std::string punch(std::istringstream& in) {
        if (!zk) return no_zk();
        std::string pin, date, time;
        in >> pin >> date >> time;
        if (pin.empty() || date.size() != 10 || time.size() != 8)
            return "error: usage: zk-punch PIN YYYY-MM-DD HH:MM:SS";
        const auto [status, answer] =
            zk->upload("ATTLOG", pin + "\t" + date + " " + time + "\t0\t15\t0\t0\t0\n");
        return "ok " + std::to_string(status) + " " + answer;
    }
};

int usage() {
    std::cerr << "usage: campusgw-face-emu --hik-user USER --hik-password-file FILE\n"
                 "         [--push-url URL --push-user USER --push-password-file FILE]\n"
                 "         [--zk-url URL --zk-serial SN]\n";
    return 64;
}

std::optional<std::map<std::string, std::string>> parse(int argc, char** argv) {
    static const std::set<std::string> known = {"hik-user",  "hik-password-file",  "push-url",
                                                "push-user", "push-password-file", "zk-url",
                                                "zk-serial"};
    std::map<std::string, std::string> opt;
    if (argc % 2 == 0) return std::nullopt;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i];
        if (!k.starts_with("--") || !known.count(k.substr(2))) return std::nullopt;
        opt[k.substr(2)] = argv[i + 1];
    }
    if (!opt.count("hik-user") || !opt.count("hik-password-file")) return std::nullopt;
    if (opt.count("zk-url") != opt.count("zk-serial")) return std::nullopt;
    return opt;
}

int serve(std::map<std::string, std::string>& opt) {
    HikvisionEmulator hik(opt["hik-user"], first_line(opt["hik-password-file"]));
    const std::string photo = make_jpeg(480, 640);
    HttpFixtureServer photos([&photo](const FixtureRequest& r) {
        if (r.target != "/photos/face.jpg") return FixtureResponse{404, "text/plain", "no", {}};
        return FixtureResponse{200, "image/jpeg", photo, {}};
    });
    Session s{opt, hik, nullptr, {}};
    if (opt.count("push-password-file")) s.push_password = first_line(opt["push-password-file"]);
    if (opt.count("zk-url"))
        s.zk = std::make_unique<ZktecoEmulator>(opt["zk-url"], opt["zk-serial"]);
    std::cout << "hikvision " << hik.url() << "\nphotos " << photos.url() << "/photos\nready"
              << std::endl;
    std::string line;
    while (std::getline(std::cin, line)) {
        std::istringstream in(line);
        std::string cmd;
        if (!(in >> cmd) || cmd.starts_with("#")) continue;
        if (cmd == "quit") break;
        std::string answer;
        try {
            answer = s.run(in, cmd);
        } catch (const std::exception& e) {
            answer = std::string("error: ") + e.what();
        }
        std::cout << answer << std::endl;
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    auto opt = parse(argc, argv);
    if (!opt) return usage();
    try {
        return serve(*opt);
    } catch (const std::exception& e) {
        std::cerr << "campusgw-face-emu: " << e.what() << "\n";
        return 1;
    }
}
