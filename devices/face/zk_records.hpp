#pragma once
// Pure codec for ZKTeco PUSH (iclock) bodies (protocols.md §3.2): ATTLOG lines
// (PIN \t time \t status \t verify \t ...), rtlog lines (key=value, tab separated) and
// /iclock/devicecmd results (ID=..&Return=..&CMD=..). Every line is judged on its own: a
// malformed line is reported with a reason and does not spoil its neighbours.
// Bytes in, records out; no I/O. Fuzzed.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gw::dev::face {

enum class ZkVerify { Password, Fingerprint, Card, Face, Other };

struct ZkRecord {
    std::string pin;      // the terminal's person key (roster person id)
    std::string time;     // "YYYY-MM-DD HH:MM:SS", terminal local time, as sent
    ZkVerify verify = ZkVerify::Other;
    int in_out = 0;       // ATTLOG status / rtlog inoutstatus (0 in, 1 out, ...)
    bool pass = true;     // rtlog event 0 (normal pass); ATTLOG records are passes
};

struct ZkParseResult {
    std::vector<ZkRecord> records;
    std::vector<std::string> errors;  // one per malformed line: "line 3: bad time"
    size_t lines = 0;                 // non-empty lines seen (what OK:n counts)
};

ZkParseResult parse_attlog(std::string_view body, size_t max_lines = 10000);
ZkParseResult parse_rtlog(std::string_view body, size_t max_lines = 10000);

struct ZkCommandResult {
    std::string id;
    int code = 0;      // Return=: 0 success, negative failure
    std::string cmd;   // the command kind echoed back (DATA, ...)
};

/// One result per line (devices may batch several).
std::vector<ZkCommandResult> parse_devicecmd(std::string_view body, size_t max_lines = 1000);

/// Verify codes as most firmware reports them (0 password, 1 fingerprint, 2/4 card, 15 face).
ZkVerify zk_verify_from_code(int code);
std::string_view to_string(ZkVerify v);

/// A PIN the gateway accepts: 1..32 bytes of [A-Za-z0-9._-].
bool valid_pin(std::string_view pin);

}  // namespace gw::dev::face
