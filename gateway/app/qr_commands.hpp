#pragma once
// The e-ID QR subcommands (docs/qr.md): `trust import`, `qr verify` and the test issuer
// `qr issue`. Each returns a process exit code; results go to stdout, errors to stderr.
#include <cstdint>
#include <optional>
#include <string>

namespace gw::app {

/// Stores a trust list body (eid-sync-v1 §4). With [eid] trust_root pinned, the detached
/// signature (`signature_file`: the Content-Signature value "es256=…") must verify.
int cmd_trust_import(const std::string& config_path, const std::string& file,
                     const std::string& signature_file);

struct QrVerifyOptions {
    std::string text;                // the scanned text; "-" or empty: one line of stdin
    std::optional<int64_t> at;       // unix seconds instead of the clock
    std::string point;               // also run the point's policy (nothing is recorded)
};
/// Prints {"decision","reason","person","cid",...}; exit 0 allow, 1 deny.
int cmd_qr_verify(const std::string& config_path, const QrVerifyOptions& o);

struct QrIssueOptions {
    std::string dir;                 // keys and the signed trust list live here
    std::string person;              // the credential's `sub`
    std::string cid;                 // hex of `cti`; empty: random 8 bytes
    std::optional<int64_t> at;       // presentation time (unix seconds); default now
    int days = 7;                    // validity from `at` - 1 day
    std::string tname;
    std::string sch;
    bool compressed = false;         // compressed holder key in `cnf`
    bool forge = false;              // sign with a key that is not in the trust list
    std::string png;                 // also write the QR code as a PNG here
};
/// Prints the QR text ("CEID1:…"). Creates DIR/trust-root.{key,pem}, DIR/issuer.key,
/// DIR/trustlist.json and DIR/trustlist.sig on first use.
int cmd_qr_issue(const QrIssueOptions& o);

}  // namespace gw::app
