#include "campus_card_reader.hpp"

#include <openssl/rand.h>

#include "aes_authenticator.hpp"
#include "campus_card.hpp"
#include "desfire_error.hpp"

namespace gw::dev::nfc::desfire {

namespace {

// The enciphered 48-byte file is 64 bytes on the wire: at most two frames (59 + 5 bytes).
// More frames or bytes than that is not a campus card; stop instead of reading on.
constexpr int kMaxFrames = 4;
constexpr size_t kMaxFileAnswer = 64;

core::Error status_error(uint8_t status) {
    switch (status) {
        case status::kApplicationNotFound:
            return {make_error_code(DesfireErrc::ApplicationNotFound), "select application"};
        case status::kAuthenticationError:
            return {make_error_code(DesfireErrc::AuthenticationError), "authenticate"};
        case status::kPermissionDenied:
            return {make_error_code(DesfireErrc::PermissionDenied), "read data"};
        default:
            return {make_error_code(DesfireErrc::CardStatus), "card status"};
    }
}

Bytes read_data_command() {
    const auto n = static_cast<uint8_t>(CampusCard::kFileSize);
    // ReadData: file, offset (3 bytes LE), length (3 bytes LE)
    return {cmd::kReadData, CampusCard::kFileNo, 0x00, 0x00, 0x00, n, 0x00, 0x00};
}

}  // namespace

core::Result<Block> secure_random_block() {
    Block b{};
    if (RAND_bytes(b.data(), static_cast<int>(b.size())) != 1)
        return core::Error{make_error_code(DesfireErrc::CryptoFailed), "random RndA"};
    return b;
}

core::Result<NativeResponse> CampusCardReader::send(CardTransceiver& card, uint8_t command,
                                                    ByteView params) {
    auto raw = card.transceive(wrap_native(command, params));
    if (!raw) return raw.error();
    return unwrap_native(*raw);
}

core::Result<NativeResponse> CampusCardReader::exchange(CardTransceiver& card, uint8_t command,
                                                        ByteView params, uint8_t expected_status) {
    auto r = send(card, command, params);
    if (r && r->status != expected_status) return status_error(r->status);
    return r;
}

core::Result<std::string> CampusCardReader::read_credential(CardTransceiver& card, ByteView uid) {
    auto key = campus_read_key(master_, uid);
    if (!key) return key.error();
    if (auto s = exchange(card, cmd::kSelectApplication, CampusCard::kAid, status::kOk); !s)
        return s.error();
    auto session = authenticate(card, *key);
    if (!session) return session.error();
    return read_file(card, *session);
}

core::Result<SecureSession> CampusCardReader::authenticate(CardTransceiver& card,
                                                           const AesKey& key) {
    auto rnd_a = random_();
    if (!rnd_a) return rnd_a.error();
    AesAuthenticator auth(key, *rnd_a);
    const uint8_t key_no[] = {CampusCard::kReadKeyNo};
    auto challenge = exchange(card, cmd::kAuthenticateAes, key_no, status::kAdditionalFrame);
    if (!challenge) return challenge.error();
    auto token = auth.answer(challenge->data);
    if (!token) return token.error();
    auto proof = exchange(card, cmd::kAdditionalFrame, *token, status::kOk);
    if (!proof) return proof.error();
    return auth.finish(proof->data);
}

core::Result<Bytes> CampusCardReader::read_frames(CardTransceiver& card, ByteView command) {
    auto r = send(card, command[0], command.subspan(1));
    Bytes all;
    for (int frame = 1;; ++frame) {
        if (!r) return r.error();
        all.insert(all.end(), r->data.begin(), r->data.end());
        if (all.size() > kMaxFileAnswer)
            return core::Error{make_error_code(DesfireErrc::BadLength), "read data"};
        if (r->status == status::kOk) return all;
        if (r->status != status::kAdditionalFrame) return status_error(r->status);
        if (frame == kMaxFrames)
            return core::Error{make_error_code(DesfireErrc::BadLength), "read data frames"};
        r = send(card, cmd::kAdditionalFrame, {});
    }
}

core::Result<std::string> CampusCardReader::read_file(CardTransceiver& card,
                                                      SecureSession& session) {
    const Bytes command = read_data_command();
    if (auto st = session.command(command); !st) return st.error();
    auto cipher = read_frames(card, command);
    if (!cipher) return cipher.error();
    auto content = session.decipher(*cipher, CampusCard::kFileSize, status::kOk);
    if (!content) return content.error();
    return parse_credential_file(*content);
}

}  // namespace gw::dev::nfc::desfire
