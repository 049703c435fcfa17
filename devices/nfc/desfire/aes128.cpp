#include "aes128.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <memory>

#include "desfire_error.hpp"

namespace gw::dev::nfc::desfire {
namespace {

struct CtxDeleter {
    void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};

core::Result<Bytes> aes_cbc(const AesKey& key, const Block& iv, ByteView data, bool encrypt) {
    if (data.size() % kBlockSize != 0)
        return core::Error{make_error_code(DesfireErrc::BadLength), "AES-CBC input"};
    std::unique_ptr<EVP_CIPHER_CTX, CtxDeleter> ctx(EVP_CIPHER_CTX_new());
    Bytes out(data.size() + kBlockSize);
    int len = 0, tail = 0;
    const bool ok = ctx &&
                    EVP_CipherInit_ex(ctx.get(), EVP_aes_128_cbc(), nullptr, key.data(), iv.data(),
                                      encrypt ? 1 : 0) == 1 &&
                    EVP_CIPHER_CTX_set_padding(ctx.get(), 0) == 1 &&
                    EVP_CipherUpdate(ctx.get(), out.data(), &len, data.data(),
                                     static_cast<int>(data.size())) == 1 &&
                    EVP_CipherFinal_ex(ctx.get(), out.data() + len, &tail) == 1;
    if (!ok) return core::Error{make_error_code(DesfireErrc::CryptoFailed), "AES-CBC"};
    out.resize(static_cast<size_t>(len + tail));
    return out;
}

}  // namespace

core::Result<Bytes> aes_cbc_encrypt(const AesKey& key, const Block& iv, ByteView data) {
    return aes_cbc(key, iv, data, true);
}

core::Result<Bytes> aes_cbc_decrypt(const AesKey& key, const Block& iv, ByteView data) {
    return aes_cbc(key, iv, data, false);
}

Block last_block(ByteView data) {
    Block b{};
    if (data.size() >= kBlockSize) std::copy(data.end() - kBlockSize, data.end(), b.begin());
    return b;
}

}  // namespace gw::dev::nfc::desfire
