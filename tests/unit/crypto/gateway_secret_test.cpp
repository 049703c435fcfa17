#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "adapters/crypto/crypto_error.hpp"
#include "adapters/crypto/gateway_secret.hpp"
#include "tests/support/temp_dir.hpp"

using gw::adp::crypto::CryptoErrc;
using gw::adp::crypto::GatewaySecret;
using gw::test::TempDir;

namespace {

mode_t file_mode(const std::filesystem::path& p) {
    struct stat st {};
    BOOST_TEST_REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_mode & 07777;
}

void write_bytes(const std::filesystem::path& p, size_t n, mode_t mode) {
    {
        std::ofstream out(p, std::ios::binary);
        for (size_t i = 0; i < n; ++i) out.put(static_cast<char>(i));
    }
    BOOST_TEST_REQUIRE(::chmod(p.c_str(), mode) == 0);
}

}  // namespace

BOOST_AUTO_TEST_CASE(secret_is_created_0600_and_reused) {
    TempDir dir;
    const auto path = dir / "identity.key";
    auto first = GatewaySecret::load_or_create(dir.path().string());
    BOOST_TEST_REQUIRE(first.ok(), (first.ok() ? "" : first.error().message()));
    BOOST_TEST(std::filesystem::file_size(path) == 32u);
    BOOST_TEST(file_mode(path) == 0600u);
    // No temporary file is left behind.
    size_t entries = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path()))
        ++entries;
    BOOST_TEST(entries == 1u);

    auto second = GatewaySecret::load_or_create(dir.path().string());
    BOOST_TEST_REQUIRE(second.ok());
    BOOST_TEST((first.value() == second.value()));
    // 32 random bytes are not all zero (probability 2^-256).
    const auto& k = first.value();
    BOOST_TEST(std::any_of(k.begin(), k.end(), [](uint8_t b) { return b != 0; }));
}

BOOST_AUTO_TEST_CASE(two_gateways_get_different_secrets) {
    TempDir a, b;
    auto ka = GatewaySecret::load_or_create(a.path().string());
    auto kb = GatewaySecret::load_or_create(b.path().string());
    BOOST_TEST_REQUIRE((ka.ok() && kb.ok()));
    BOOST_TEST((ka.value() != kb.value()));
}

BOOST_AUTO_TEST_CASE(existing_key_file_is_read_as_is) {
    TempDir dir;
    write_bytes(dir / "identity.key", 32, 0600);
    auto k = GatewaySecret::load_or_create(dir.path().string());
    BOOST_TEST_REQUIRE(k.ok());
    for (size_t i = 0; i < 32; ++i) BOOST_TEST(k.value()[i] == i);
}

BOOST_AUTO_TEST_CASE(wrong_size_is_refused_and_left_alone) {
    for (size_t n : {0u, 16u, 31u, 33u, 64u}) {
        TempDir dir;
        write_bytes(dir / "identity.key", n, 0600);
        auto k = GatewaySecret::load_or_create(dir.path().string());
        BOOST_TEST_REQUIRE(!k.ok());
        BOOST_TEST((k.error().code == CryptoErrc::KeyWrongSize));
        BOOST_TEST(std::filesystem::file_size(dir / "identity.key") == n);  // not replaced
    }
}

BOOST_AUTO_TEST_CASE(key_readable_by_group_or_others_is_refused) {
    for (mode_t mode : {0640u, 0604u, 0660u, 0644u}) {
        TempDir dir;
        write_bytes(dir / "identity.key", 32, mode);
        auto k = GatewaySecret::load_or_create(dir.path().string());
        BOOST_TEST_REQUIRE(!k.ok());
        BOOST_TEST((k.error().code == CryptoErrc::KeyInsecurePermissions));
        BOOST_TEST(k.error().message().find("identity.key") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(directory_in_place_of_the_key_is_refused) {
    TempDir dir;
    std::filesystem::create_directory(dir / "identity.key");
    ::chmod((dir / "identity.key").c_str(), 0700);
    auto k = GatewaySecret::load_or_create(dir.path().string());
    BOOST_TEST_REQUIRE(!k.ok());
    BOOST_TEST((k.error().code == CryptoErrc::KeyNotRegularFile));
}

BOOST_AUTO_TEST_CASE(missing_state_dir_is_an_error_not_a_crash) {
    TempDir dir;
    auto k = GatewaySecret::load_or_create((dir / "does-not-exist").string());
    BOOST_TEST_REQUIRE(!k.ok());
    BOOST_TEST((k.error().code == std::errc::no_such_file_or_directory));
}
