#include "aes_authenticator.hpp"

#include <algorithm>

#include "aes128.hpp"
#include "desfire_error.hpp"

namespace gw::dev::nfc::desfire {

namespace {

core::Error fail(DesfireErrc e) {
    return core::Error{make_error_code(e), "AES authentication"};
}

AesKey session_key(const Block& a, const Block& b) {
    AesKey k{};
    std::copy_n(a.begin(), 4, k.begin());
    std::copy_n(b.begin(), 4, k.begin() + 4);
    std::copy_n(a.begin() + 12, 4, k.begin() + 8);
    std::copy_n(b.begin() + 12, 4, k.begin() + 12);
    return k;
}

}  // namespace

Block rotate_left(const Block& b) {
    Block r{};
    std::rotate_copy(b.begin(), b.begin() + 1, b.end(), r.begin());
    return r;
}

core::Result<Bytes> AesAuthenticator::answer(ByteView card_challenge) {
    if (card_challenge.size() != kBlockSize) return fail(DesfireErrc::BadLength);
    auto rnd_b = aes_cbc_decrypt(key_, Block{}, card_challenge);
    if (!rnd_b) return rnd_b.error();
    std::copy(rnd_b->begin(), rnd_b->end(), rnd_b_.begin());
    Bytes token(rnd_a_.begin(), rnd_a_.end());
    const Block rotated = rotate_left(rnd_b_);
    token.insert(token.end(), rotated.begin(), rotated.end());
    auto sent = aes_cbc_encrypt(key_, last_block(card_challenge), token);
    if (!sent) return sent.error();
    iv_ = last_block(*sent);
    answered_ = true;
    return sent;
}

core::Result<SecureSession> AesAuthenticator::finish(ByteView card_proof) {
    if (!answered_ || card_proof.size() != kBlockSize) return fail(DesfireErrc::BadLength);
    auto proof = aes_cbc_decrypt(key_, iv_, card_proof);
    if (!proof) return proof.error();
    const Block expected = rotate_left(rnd_a_);
    if (!std::equal(expected.begin(), expected.end(), proof->begin()))
        return fail(DesfireErrc::CardProofFailed);
    return SecureSession(session_key(rnd_a_, rnd_b_));
}

}  // namespace gw::dev::nfc::desfire
