#include "secure_session.hpp"

#include <algorithm>

#include "aes128.hpp"
#include "aes_cmac.hpp"
#include "crc32.hpp"
#include "desfire_error.hpp"

namespace gw::dev::nfc::desfire {

namespace {

constexpr size_t kCrcSize = 4;
constexpr size_t kMacSize = 8;

core::Error fail(DesfireErrc e, const char* what) {
    return core::Error{make_error_code(e), what};
}

size_t padded(size_t n) {
    return (n + kBlockSize - 1) / kBlockSize * kBlockSize;
}

uint32_t read_le32(const uint8_t* p) {
    return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}

}  // namespace

core::Status SecureSession::command(ByteView command) {
    auto mac = aes_cmac(key_, command, iv_);
    if (!mac) return mac.error();
    iv_ = *mac;
    return core::Ok{};
}

core::Result<Bytes> SecureSession::decipher(ByteView cipher, size_t length, uint8_t status) {
    if (cipher.size() != padded(length + kCrcSize))
        return fail(DesfireErrc::BadLength, "enciphered answer");
    auto plain = aes_cbc_decrypt(key_, iv_, cipher);
    if (!plain) return plain.error();
    iv_ = last_block(cipher);
    Bytes data(plain->begin(), plain->begin() + static_cast<std::ptrdiff_t>(length));
    Bytes covered = data;
    covered.push_back(status);
    if (read_le32(plain->data() + length) != desfire_crc32(covered))
        return fail(DesfireErrc::CrcMismatch, "enciphered answer");
    const auto pad_begin = plain->begin() + static_cast<std::ptrdiff_t>(length + kCrcSize);
    if (!std::all_of(pad_begin, plain->end(), [](uint8_t b) { return b == 0; }))
        return fail(DesfireErrc::BadPadding, "enciphered answer");
    return data;
}

core::Result<Bytes> SecureSession::verify_mac(ByteView data_and_mac, uint8_t status) {
    if (data_and_mac.size() < kMacSize) return fail(DesfireErrc::BadLength, "MACed answer");
    Bytes covered(data_and_mac.begin(), data_and_mac.end() - kMacSize);
    covered.push_back(status);
    auto mac = aes_cmac(key_, covered, iv_);
    if (!mac) return mac.error();
    iv_ = *mac;
    if (!std::equal(mac->begin(), mac->begin() + kMacSize, data_and_mac.end() - kMacSize))
        return fail(DesfireErrc::CardProofFailed, "MACed answer");
    covered.pop_back();
    return covered;
}

}  // namespace gw::dev::nfc::desfire
