#include "desfire_card.hpp"

#include <algorithm>

#include "devices/nfc/desfire/aes128.hpp"
#include "devices/nfc/desfire/aes_cmac.hpp"
#include "devices/nfc/desfire/crc32.hpp"

namespace gw::test::pn532 {

DesfireApp DesfireApp::campus(const AesKey& read_key, const std::string& credential_id) {
    DesfireApp app;
    app.read_key = read_key;
    app.master_key.fill(0xC0);  // the card office's key: never used by the gateway
    app.file.assign(48, 0x00);  // UTF-8 id, 0x00-padded
    std::copy(credential_id.begin(), credential_id.end(), app.file.begin());
    return app;
}

namespace df = gw::dev::nfc::desfire;

namespace {

// DESFire status codes (after SW1 = 91).
constexpr uint8_t kOk = 0x00;
constexpr uint8_t kNoSuchKey = 0x40;
constexpr uint8_t kIllegalCommand = 0x1C;
constexpr uint8_t kLengthError = 0x7E;
constexpr uint8_t kPermissionDenied = 0x9D;
constexpr uint8_t kApplicationNotFound = 0xA0;
constexpr uint8_t kAuthenticationError = 0xAE;
constexpr uint8_t kAdditionalFrame = 0xAF;
constexpr uint8_t kBoundaryError = 0xBE;
constexpr uint8_t kFileNotFound = 0xF0;
constexpr size_t kMaxFrameData = 59;

std::vector<uint8_t> with_status(std::vector<uint8_t> data, uint8_t status) {
    data.push_back(0x91);
    data.push_back(status);
    return data;
}

Block block_of(const std::vector<uint8_t>& v, size_t at) {
    Block b{};
    std::copy_n(v.begin() + static_cast<std::ptrdiff_t>(at), b.size(), b.begin());
    return b;
}

Block rotl(const Block& b) {
    Block r{};
    std::rotate_copy(b.begin(), b.begin() + 1, b.end(), r.begin());
    return r;
}

uint32_t le24(const std::vector<uint8_t>& d, size_t at) {
    return uint32_t{d[at]} | uint32_t{d[at + 1]} << 8 | uint32_t{d[at + 2]} << 16;
}

}  // namespace

void DesfireCard::reset() {
    selected_ = false;
    stage_ = Stage::Idle;
    pending_.clear();
}

std::vector<uint8_t> DesfireCard::error(uint8_t status) {
    stage_ = Stage::Idle;
    pending_.clear();
    return with_status({}, status);
}

std::vector<uint8_t> DesfireCard::handle(const std::vector<uint8_t>& apdu) {
    // 90 cmd 00 00 [Lc data] Le
    if (apdu.size() < 5 || apdu[0] != 0x90) return {0x6E, 0x00};  // CLA not supported
    const size_t lc = apdu.size() > 5 ? apdu[4] : 0;
    if (apdu.size() != (lc ? 6 + lc : 5)) return {0x67, 0x00};  // wrong length
    const Bytes data(apdu.begin() + (lc ? 5 : 4),
                     apdu.begin() + (lc ? 5 + static_cast<long>(lc) : 4));
    return dispatch(apdu[1], data);
}

std::vector<uint8_t> DesfireCard::dispatch(uint8_t cmd, const Bytes& data) {
    switch (cmd) {
        case 0x5A:
            return select(data);
        case 0xAA:
            return authenticate(data);
        case 0xBD:
            return read_data(data);
        case 0xAF:
            if (stage_ == Stage::Challenged) return prove(data);
            if (!pending_.empty() && data.empty()) return next_frame();
            return error(kIllegalCommand);
        default:
            return error(kIllegalCommand);
    }
}

std::vector<uint8_t> DesfireCard::select(const Bytes& data) {
    if (data.size() != 3) return error(kLengthError);
    reset();
    if (data == Bytes{0, 0, 0}) return with_status({}, kOk);  // the PICC level
    if (!app_ || !std::equal(data.begin(), data.end(), app_->aid.begin()))
        return error(kApplicationNotFound);
    selected_ = true;
    return with_status({}, kOk);
}

std::vector<uint8_t> DesfireCard::authenticate(const Bytes& data) {
    if (data.size() != 1) return error(kLengthError);
    if (!selected_) return error(kAuthenticationError);  // no AES key at the PICC level here
    if (data[0] > 1) return error(kNoSuchKey);
    key_no_ = data[0];
    for (auto& b : rnd_b_) b = static_cast<uint8_t>(rng_());
    const AesKey& k = key_no_ == 0 ? app_->master_key : app_->read_key;
    auto challenge = df::aes_cbc_encrypt(k, Block{}, rnd_b_);
    iv_ = df::last_block(*challenge);
    stage_ = Stage::Challenged;
    return with_status(*challenge, kAdditionalFrame);
}

std::vector<uint8_t> DesfireCard::prove(const Bytes& data) {
    if (data.size() != 32) return error(kLengthError);
    const AesKey& k = key_no_ == 0 ? app_->master_key : app_->read_key;
    auto token = df::aes_cbc_decrypt(k, iv_, data);
    if (block_of(*token, 16) != rotl(rnd_b_)) {
        ++auth_failed_;
        return error(kAuthenticationError);
    }
    const Block rnd_a = block_of(*token, 0);
    auto proof = df::aes_cbc_encrypt(k, df::last_block(data), rotl(rnd_a));
    std::copy_n(rnd_a.begin(), 4, session_.begin());
    std::copy_n(rnd_b_.begin(), 4, session_.begin() + 4);
    std::copy_n(rnd_a.begin() + 12, 4, session_.begin() + 8);
    std::copy_n(rnd_b_.begin() + 12, 4, session_.begin() + 12);
    iv_ = Block{};
    stage_ = Stage::Authenticated;
    ++auth_ok_;
    return with_status(*proof, kOk);
}

std::vector<uint8_t> DesfireCard::read_data(const Bytes& data) {
    if (data.size() != 7) return error(kLengthError);
    if (stage_ != Stage::Authenticated) return error(kAuthenticationError);
    if (data[0] != app_->file_no) return error(kFileNotFound);
    if (key_no_ != 1) return error(kPermissionDenied);
    const uint32_t off = le24(data, 1);
    uint32_t len = le24(data, 4);
    if (len == 0)
        len = static_cast<uint32_t>(app_->file.size()) -
              std::min<uint32_t>(off, static_cast<uint32_t>(app_->file.size()));
    if (off + len > app_->file.size()) return error(kBoundaryError);
    Bytes command{0xBD};
    command.insert(command.end(), data.begin(), data.end());
    iv_ = *df::aes_cmac(session_, command, iv_);  // the command moves the IV
    Bytes plain(app_->file.begin() + off, app_->file.begin() + off + len);
    Bytes covered = plain;
    covered.push_back(kOk);
    const uint32_t crc = df::desfire_crc32(covered);
    for (int i = 0; i < 4; ++i) plain.push_back(static_cast<uint8_t>(crc >> (8 * i)));
    while (plain.size() % 16 != 0) plain.push_back(0x00);
    pending_ = *df::aes_cbc_encrypt(session_, iv_, plain);
    iv_ = df::last_block(pending_);
    return next_frame();
}

std::vector<uint8_t> DesfireCard::next_frame() {
    const size_t n = std::min(pending_.size(), kMaxFrameData);
    Bytes frame(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(n));
    pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(n));
    return with_status(std::move(frame), pending_.empty() ? kOk : kAdditionalFrame);
}

}  // namespace gw::test::pn532
