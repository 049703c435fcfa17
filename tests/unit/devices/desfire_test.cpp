// DESFire EV1 AES for campus cards, as pure functions against published vectors:
// RFC 4493 (AES-CMAC), campus-card-v1 (AN10922 diversification, both vectors), and a wire
// trace of libfreefare 0.4.0 authenticating and reading an enciphered file
// (shared/reference/pn532-traces/desfire_aes_session.emu.log, first session; the card's
// key was 000102..0F). The trace pins our host side to what a real DESFire stack sends.
#define BOOST_TEST_MODULE desfire
#include <sys/stat.h>

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <fstream>
#include <string>

#include "devices/nfc/desfire/aes_authenticator.hpp"
#include "devices/nfc/desfire/aes_cmac.hpp"
#include "devices/nfc/desfire/an10922.hpp"
#include "devices/nfc/desfire/campus_card.hpp"
#include "devices/nfc/desfire/crc32.hpp"
#include "devices/nfc/desfire/desfire_error.hpp"
#include "devices/nfc/desfire/master_key_file.hpp"
#include "devices/nfc/desfire/native_apdu.hpp"
#include "devices/nfc/desfire/secure_session.hpp"

using namespace gw::dev::nfc::desfire;
namespace tt = boost::test_tools;

namespace {

Bytes hex(std::string_view s) {
    Bytes out;
    std::string digits;
    for (char c : s)
        if (c != ' ') digits.push_back(c);
    for (size_t i = 0; i + 1 < digits.size(); i += 2)
        out.push_back(static_cast<uint8_t>(std::stoi(digits.substr(i, 2), nullptr, 16)));
    return out;
}

Block block(std::string_view s) {
    const Bytes b = hex(s);
    Block out{};
    std::copy(b.begin(), b.end(), out.begin());
    return out;
}

Bytes bytes(const Block& b) {
    return Bytes(b.begin(), b.end());
}

bool is(const gw::core::Error& e, DesfireErrc want) {
    return e.code == make_error_code(want);
}

// --- libfreefare trace, first session -------------------------------------------------
const AesKey kTraceKey = block("000102030405060708090A0B0C0D0E0F");
const Block kTraceRndA = block("9cb6bcab3e8ebb3270ccab0acaa9f44a");  // recovered from the trace
// card → AF E(K, RndB)
const Bytes kTraceChallenge = hex("c7 f0 31 07 b1 ba cd b1 46 b1 ee 8b 1e e4 84 f8");
// host → AF E(K, RndA || rotl(RndB)), as libfreefare sent it
const Bytes kTraceToken =
    hex("86 20 41 6d 85 74 4c a0 65 b3 b0 1a 50 52 44 29"
        "80 7b ff cd 92 ad 2d 22 58 05 1f df 4b 93 8b 44");
// card → 00 E(K, rotl(RndA))
const Bytes kTraceProof = hex("70 3d 6f 11 c0 2d 89 d2 25 ce 25 cd 63 bd 37 06");
const AesKey kTraceSessionKey = block("9cb6bcabc8ffdbf3caa9f44a0863bb1c");

SecureSession trace_session() {
    AesAuthenticator auth(kTraceKey, kTraceRndA);
    BOOST_REQUIRE(auth.answer(kTraceChallenge));
    auto s = auth.finish(kTraceProof);
    BOOST_REQUIRE(s);
    return *s;
}

}  // namespace

BOOST_AUTO_TEST_CASE(aes_cmac_rfc4493_vectors) {
    const AesKey k = block("2b7e151628aed2a6abf7158809cf4f3c");
    const Bytes msg =
        hex("6bc1bee22e409f96e93d7e117393172a ae2d8a571e03ac9c9eb76fac45af8e51"
            "30c81c46a35ce411e5fbc1191a0a52ef f69f2445df4f9b17ad2b417be66c3710");
    BOOST_TEST(bytes(*aes_cmac(k, {})) == hex("bb1d6929e95937287fa37d129b756746"),
               tt::per_element());
    BOOST_TEST(
        bytes(*aes_cmac(k, ByteView(msg).first(16))) == hex("070a16b46b4d4144f79bdd9dd04a287c"),
        tt::per_element());
    BOOST_TEST(
        bytes(*aes_cmac(k, ByteView(msg).first(40))) == hex("dfa66747de9ae63030ca32611497c827"),
        tt::per_element());
    BOOST_TEST(bytes(*aes_cmac(k, msg)) == hex("51f0bebf7e3b9d92fc49741779363cfe"),
               tt::per_element());
}

BOOST_AUTO_TEST_CASE(an10922_vectors_of_campus_card_v1) {
    const AesKey master = block("00112233445566778899AABBCCDDEEFF");
    // NXP's own example
    auto nxp = diversify_an10922(master, hex("04782E21801D80 3042F5 4E585020416275"));
    BOOST_REQUIRE(nxp);
    BOOST_TEST(bytes(*nxp) == hex("A8DD63A3B89D54B37CA802473FDA9175"), tt::per_element());
    // this profile: M = UID || 01 10 F5 || "CAMPUSGW"
    const Bytes uid = hex("04A1B2C3D4E5F6");
    BOOST_TEST(*campus_diversification_input(uid) == hex("04A1B2C3D4E5F6 0110F5 43414D5055534757"),
               tt::per_element());
    auto k = campus_read_key(master, uid);
    BOOST_REQUIRE(k);
    BOOST_TEST(bytes(*k) == hex("0C8B22CA17B366C85B6A53853EAD5B89"), tt::per_element());
}

BOOST_AUTO_TEST_CASE(diversification_rejects_wrong_lengths) {
    const AesKey master{};
    BOOST_TEST(is(campus_read_key(master, hex("04A1B2C3")).error(), DesfireErrc::BadLength));
    BOOST_TEST(
        is(campus_read_key(master, hex("04A1B2C3D4E5F601")).error(), DesfireErrc::BadLength));
    BOOST_TEST(is(diversify_an10922(master, {}).error(), DesfireErrc::BadLength));
    BOOST_TEST(is(diversify_an10922(master, Bytes(32, 1)).error(), DesfireErrc::BadLength));
    BOOST_TEST(diversify_an10922(master, Bytes(31, 1)).ok());
}

BOOST_AUTO_TEST_CASE(crc32_is_the_desfire_variant) {
    const std::string check = "123456789";
    // CRC-32/IEEE of "123456789" is CBF43926; DESFire skips the final XOR.
    BOOST_TEST(desfire_crc32(Bytes(check.begin(), check.end())) == 0x340BC6D9u);
    BOOST_TEST(desfire_crc32({}) == 0xFFFFFFFFu);
}

BOOST_AUTO_TEST_CASE(native_apdus_match_the_trace) {
    BOOST_TEST(
        wrap_native(cmd::kSelectApplication, CampusCard::kAid) == hex("90 5a 00 00 03 01 10 f5 00"),
        tt::per_element());
    BOOST_TEST(wrap_native(cmd::kAdditionalFrame, {}) == hex("90 af 00 00 00"), tt::per_element());
    auto r = unwrap_native(hex("91 00"));
    BOOST_REQUIRE(r);
    BOOST_TEST(r->status == 0x00);
    BOOST_TEST(r->data.empty());
    auto more = unwrap_native(hex("01 02 03 91 af"));
    BOOST_TEST(more->status == 0xAF);
    BOOST_TEST(more->data == hex("01 02 03"), tt::per_element());
    BOOST_TEST(is(unwrap_native(hex("91")).error(), DesfireErrc::NotDesfire));
    BOOST_TEST(is(unwrap_native(hex("6a 82")).error(), DesfireErrc::NotDesfire));  // ISO card
    BOOST_TEST(is(unwrap_native({}).error(), DesfireErrc::NotDesfire));
}

BOOST_AUTO_TEST_CASE(authentication_reproduces_libfreefare) {
    AesAuthenticator auth(kTraceKey, kTraceRndA);
    auto token = auth.answer(kTraceChallenge);
    BOOST_REQUIRE(token);
    BOOST_TEST(*token == kTraceToken, tt::per_element());
    auto session = auth.finish(kTraceProof);
    BOOST_REQUIRE(session);
    BOOST_TEST(bytes(session->session_key()) == bytes(kTraceSessionKey), tt::per_element());
    BOOST_TEST(bytes(session->iv()) == Bytes(16, 0), tt::per_element());
}

BOOST_AUTO_TEST_CASE(authentication_detects_a_card_without_the_key) {
    AesAuthenticator before(kTraceKey, kTraceRndA);
    BOOST_TEST(is(before.finish(kTraceProof).error(), DesfireErrc::BadLength));  // out of order
    AesAuthenticator auth(kTraceKey, kTraceRndA);
    BOOST_TEST(is(auth.answer(hex("00 01")).error(), DesfireErrc::BadLength));
    BOOST_REQUIRE(auth.answer(kTraceChallenge));
    Bytes forged = kTraceProof;
    forged[3] ^= 0x01;
    BOOST_TEST(is(auth.finish(forged).error(), DesfireErrc::CardProofFailed));
    BOOST_TEST(is(auth.finish(Bytes(15, 0)).error(), DesfireErrc::BadLength));
    // a different key on the reader's side: the card's proof does not decrypt to RndA
    AesAuthenticator wrong(block("00112233445566778899AABBCCDDEEFF"), kTraceRndA);
    BOOST_REQUIRE(wrong.answer(kTraceChallenge));
    BOOST_TEST(is(wrong.finish(kTraceProof).error(), DesfireErrc::CardProofFailed));
}

BOOST_AUTO_TEST_CASE(secure_messaging_follows_the_traced_iv_chain) {
    SecureSession s = trace_session();
    // GetFileSettings(1): command CMACed (not sent); answer MACed over data || status.
    BOOST_REQUIRE(s.command(hex("f5 01")));
    auto settings = s.verify_mac(hex("00 03 00 00 30 00 00 ee aa 49 4e b8 6a 12 35"), 0x00);
    BOOST_REQUIRE(settings);
    BOOST_TEST(*settings == hex("00 03 00 00 30 00 00"),
               tt::per_element());  // std file, enciphered, 48 bytes
    // ReadData(1, 0, 48): 64 enciphered bytes in two frames (59 + 5)
    BOOST_REQUIRE(s.command(hex("bd 01 00 00 00 30 00 00")));
    const Bytes cipher =
        hex("2b 5a b6 8d 9a ed 61 78 32 b8 25 14 5a 86 02 4c 59 93 c5 74 b4 d6 00 d3 f2 18 e1 fe"
            "17 05 e5 68 13 5f 27 8c 99 b1 18 ac 04 da eb 21 ff 3c c9 39 a0 0d ee 61 cf 74 fe 48"
            "fe cd 25"
            "81 08 f3 fb b8");
    auto data = s.decipher(cipher, 48, 0x00);
    BOOST_REQUIRE(data);
    const std::string text(data->begin(), data->end());
    BOOST_TEST(text == "student:20240001;name:ZHANG San;valid:2027-07-31");
}

BOOST_AUTO_TEST_CASE(deciphering_is_strict) {
    const Bytes cmd = hex("bd 01 00 00 00 30 00 00");
    const Bytes cipher =
        hex("2b 5a b6 8d 9a ed 61 78 32 b8 25 14 5a 86 02 4c 59 93 c5 74 b4 d6 00 d3 f2 18 e1 fe"
            "17 05 e5 68 13 5f 27 8c 99 b1 18 ac 04 da eb 21 ff 3c c9 39 a0 0d ee 61 cf 74 fe 48"
            "fe cd 25 81 08 f3 fb b8");
    auto fresh = [&] {
        SecureSession s = trace_session();
        BOOST_REQUIRE(s.command(hex("f5 01")));
        BOOST_REQUIRE(s.verify_mac(hex("00 03 00 00 30 00 00 ee aa 49 4e b8 6a 12 35"), 0));
        BOOST_REQUIRE(s.command(cmd));
        return s;
    };
    Bytes flipped = cipher;
    flipped[50] ^= 0x40;  // in the block holding the CRC
    BOOST_TEST(is(fresh().decipher(flipped, 48, 0x00).error(), DesfireErrc::CrcMismatch));
    BOOST_TEST(is(fresh().decipher(cipher, 48, 0xAF).error(),
                  DesfireErrc::CrcMismatch));  // status is covered
    BOOST_TEST(is(fresh().decipher(Bytes(cipher.begin(), cipher.end() - 16), 48, 0).error(),
                  DesfireErrc::BadLength));
    BOOST_TEST(is(fresh().decipher(cipher, 44, 0).error(), DesfireErrc::BadLength));
    // without the IV chain (command not MACed first) the first block deciphers wrongly
    SecureSession skipped = trace_session();
    BOOST_TEST(!skipped.decipher(cipher, 48, 0).ok());
}

BOOST_AUTO_TEST_CASE(credential_file_is_id_then_zero_padding) {
    Bytes file(48, 0);
    const std::string id = "c-88122";
    std::copy(id.begin(), id.end(), file.begin());
    BOOST_TEST(*parse_credential_file(file) == "c-88122");
    Bytes full(48, 'x');
    BOOST_TEST(parse_credential_file(full)->size() == 48u);
    BOOST_TEST(is(parse_credential_file(Bytes(48, 0)).error(), DesfireErrc::BadCredential));
    Bytes gap = file;
    gap[20] = 'z';
    BOOST_TEST(is(parse_credential_file(gap).error(), DesfireErrc::BadPadding));
    Bytes ctrl = file;
    ctrl[2] = '\n';
    BOOST_TEST(is(parse_credential_file(ctrl).error(), DesfireErrc::BadCredential));
    BOOST_TEST(is(parse_credential_file(Bytes(47, 'a')).error(), DesfireErrc::BadLength));
    BOOST_TEST(is(parse_credential_file(Bytes(49, 'a')).error(), DesfireErrc::BadLength));
}

BOOST_AUTO_TEST_CASE(master_key_text) {
    auto k = parse_master_key("00112233445566778899aabbccddeeff\n");
    BOOST_REQUIRE(k);
    BOOST_TEST(bytes(*k) == hex("00112233445566778899AABBCCDDEEFF"), tt::per_element());
    BOOST_TEST(!parse_master_key("00112233445566778899aabbccddeef").ok());     // 31 digits
    BOOST_TEST(!parse_master_key("00112233445566778899aabbccddeeff00").ok());  // 34 digits
    BOOST_TEST(!parse_master_key("0011223344556677 8899aabbccddeeff").ok());
    BOOST_TEST(!parse_master_key("g0112233445566778899aabbccddeeff").ok());
    BOOST_TEST(!parse_master_key("").ok());
}

BOOST_AUTO_TEST_CASE(master_key_file_must_be_private) {
    char tmpl[] = "/tmp/desfire-key-XXXXXX";
    const int fd = ::mkstemp(tmpl);
    BOOST_REQUIRE(fd >= 0);
    const std::string path = tmpl;
    const std::string secret = "00112233445566778899AABBCCDDEEFF";
    BOOST_REQUIRE(::write(fd, secret.data(), secret.size()) == static_cast<ssize_t>(secret.size()));
    ::close(fd);
    ::chmod(path.c_str(), 0600);
    auto ok = load_master_key(path);
    BOOST_REQUIRE(ok);
    BOOST_TEST(bytes(*ok) == hex(secret), tt::per_element());
    ::chmod(path.c_str(), 0644);
    auto open = load_master_key(path);
    BOOST_REQUIRE(!open);
    BOOST_TEST(is(open.error(), DesfireErrc::BadKeyFile));
    BOOST_TEST(open.error().message().find("0600") != std::string::npos);
    BOOST_TEST(open.error().message().find(secret) == std::string::npos);  // never the key
    ::chmod(path.c_str(), 0600);
    std::ofstream(path) << "not a key\n";
    auto bad = load_master_key(path);
    BOOST_TEST(is(bad.error(), DesfireErrc::BadKeyFile));
    BOOST_TEST(bad.error().message().find(path) != std::string::npos);
    ::unlink(path.c_str());
    BOOST_TEST((load_master_key(path).error().code == std::errc::no_such_file_or_directory));
}
