// `campusgw qr issue`: a test issuer for demos and tests (never for real credentials). It
// keeps, in one directory, a trust root, an issuer key and the trust list naming that key
// (signed by the root), so a gateway can be pointed at them: [eid] trust_root =
// DIR/trust-root.pem, then `campusgw trust import DIR/trustlist.json --signature
// DIR/trustlist.sig`.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>

#include "adapters/crypto/base64url.hpp"
#include "adapters/crypto/ceid1_issuer.hpp"
#include "adapters/crypto/es256_signer.hpp"
#include "gateway/core/civil_time.hpp"
#include "gateway/core/fixed_offset_time_zone.hpp"
#include "command_support.hpp"
#include "qr_commands.hpp"
#include "qr_png.hpp"

namespace gw::app {

namespace {

namespace fs = std::filesystem;
using adp::crypto::Es256Signer;

std::span<const uint8_t> bytes(const std::string& s) {
    return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

bool write_file(const fs::path& p, const std::string& text, bool secret) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    if (!out) return false;
    out << text;
    out.close();
    if (secret) fs::permissions(p, fs::perms::owner_read | fs::perms::owner_write);
    return static_cast<bool>(out);
}

/// The key in `file`, created on first use.
core::Result<Es256Signer> key_in(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (in) {
        std::ostringstream ss;
        ss << in.rdbuf();
        return Es256Signer::from_pem(ss.str());
    }
    auto k = Es256Signer::generate();
    if (k && !write_file(file, k->private_pem(), true))
        return core::make_error(std::errc::io_error, "cannot write " + file.string());
    return k;
}

std::string iso_utc(int64_t unix_s) {
    const core::FixedOffsetTimeZone utc(0);
    return core::format_rfc3339(utc.to_local(core::SysTime(std::chrono::seconds(unix_s))));
}

/// eid-sync-v1 §4 body naming the issuer key, valid a year either side of now.
std::string trust_list_body(const Es256Signer& issuer, int64_t now) {
    const std::string kid = adp::crypto::base64url_encode(bytes(issuer.kid()));
    const std::string spki = adp::crypto::base64_encode(bytes(issuer.spki_der()));
    return "{\"version\":1,\"keys\":[{\"kid\":\"" + kid + "\",\"alg\":\"ES256\",\"spki\":\"" +
           spki + "\",\"not_before\":\"" + iso_utc(now - 365 * 86400) +
           "\",\"not_after\":\"" + iso_utc(now + 365 * 86400) + "\"}]}\n";
}

/// trust-root.{key,pem}, issuer.key, trustlist.json and trustlist.sig in `dir`.
core::Result<Es256Signer> issuer_in(const fs::path& dir, int64_t now) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    auto root = key_in(dir / "trust-root.key");
    if (!root) return root.error();
    auto issuer = key_in(dir / "issuer.key");
    if (!issuer) return issuer.error();
    if (fs::exists(dir / "trustlist.json")) return issuer;
    const std::string body = trust_list_body(issuer.value(), now);
    const bool ok = write_file(dir / "trust-root.pem", root->public_pem(), false) &&
                    write_file(dir / "trustlist.json", body, false) &&
                    write_file(dir / "trustlist.sig",
                               adp::crypto::content_signature(root.value(), body) + "\n", false);
    if (!ok) return core::make_error(std::errc::io_error, "cannot write into " + dir.string());
    return issuer;
}

std::string random_cti() {
    std::random_device rd;
    std::string s(8, '\0');
    for (auto& c : s) c = static_cast<char>(rd() & 0xff);
    return s;
}

bool hex_to_bytes(const std::string& hex, std::string& out) {
    if (hex.size() % 2 || hex.size() < 16 || hex.size() > 32) return false;
    out.clear();
    for (size_t i = 0; i < hex.size(); i += 2) {
        const auto v = std::stoi(hex.substr(i, 2), nullptr, 16);
        out += static_cast<char>(v);
    }
    return hex.find_first_not_of("0123456789abcdef") == std::string::npos;
}

adp::crypto::Ceid1Claims claims_for(const QrIssueOptions& o, int64_t at, std::string cti) {
    adp::crypto::Ceid1Claims c;
    c.sub = o.person;
    c.tname = o.tname;
    c.sch = o.sch;
    c.iat = static_cast<uint64_t>(at - 86400);
    c.nbf = c.iat;
    c.exp = static_cast<uint64_t>(at + int64_t{o.days} * 86400);
    c.cti = std::move(cti);
    return c;
}

}  // namespace

int cmd_qr_issue(const QrIssueOptions& o) {
    if (o.dir.empty() || o.person.empty()) {
        std::cerr << "campusgw: qr issue needs --dir DIR and --person ID\n";
        return 64;
    }
    const int64_t at = o.at.value_or(std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch()).count());
    std::string cti = random_cti();
    if (!o.cid.empty() && !hex_to_bytes(o.cid, cti)) {
        std::cerr << "campusgw: --cid must be 16 to 32 lower-case hex digits\n";
        return kExDataErr;
    }
    auto issuer = issuer_in(o.dir, at);
    auto holder = Es256Signer::generate();
    if (!issuer || !holder) {
        std::cerr << "campusgw: " << (issuer ? holder.error() : issuer.error()).message() << "\n";
        return kExCantCreate;
    }
    // A forgery names the trusted key id but is signed by another key.
    auto signer = o.forge ? Es256Signer::generate() : issuer;
    adp::crypto::Ceid1Issuer ceid(signer.value(), issuer->kid());
    const std::string cred = ceid.credential(claims_for(o, at, cti),
                                             holder->public_point(o.compressed));
    const std::string text =
        adp::crypto::ceid1_presentation(cred, static_cast<uint64_t>(at / 30), holder.value());
    if (text.empty()) {
        std::cerr << "campusgw: could not make the code\n";
        return 1;
    }
    if (!o.png.empty() && !write_qr_png(text, o.png)) {
        std::cerr << "campusgw: cannot write the PNG " << o.png << "\n";
        return kExCantCreate;
    }
    std::cout << text << "\n";
    return 0;
}

}  // namespace gw::app
