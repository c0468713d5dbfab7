#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include "privacy/crypto.hpp"

namespace yc::privacy {
namespace {

TEST(Sm3, ResearchVector) {
  EXPECT_EQ(sm3_hex("abc"), "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
}

// The SM4 block cipher of the OpenSSL build we use, against the GB/T 32907
// vector in research/security.md.
TEST(Sm4, ResearchVector) {
  const unsigned char key[16] = {0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
                                 0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10};
  unsigned char out[32];
  int len = 0;
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  ASSERT_EQ(EVP_EncryptInit_ex(ctx, EVP_sm4_ecb(), nullptr, key, nullptr), 1);
  EVP_CIPHER_CTX_set_padding(ctx, 0);
  ASSERT_EQ(EVP_EncryptUpdate(ctx, out, &len, key, 16), 1);
  EVP_CIPHER_CTX_free(ctx);
  ASSERT_EQ(len, 16);
  static constexpr unsigned char kExpected[16] = {0x68, 0x1e, 0xdf, 0x34, 0xd2, 0x06, 0x96, 0x5e,
                                                  0x86, 0xb3, 0xe9, 0x4f, 0x53, 0x6e, 0x42, 0x46};
  EXPECT_EQ(std::memcmp(out, kExpected, 16), 0);
}

class KeyRingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("yc-keys-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "keys").string();
    ASSERT_TRUE(KeyRing::generate(path_, "k1"));
    ring_ = KeyRing::load(path_).value();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
  std::string path_;
  KeyRing ring_;
};

TEST_F(KeyRingTest, RoundTripsWithoutRevealingThePlaintext) {
  const std::string id = "11010519491231002X";
  auto sealed = ring_.encrypt(id, "person.id_number");
  ASSERT_TRUE(sealed);
  EXPECT_EQ(sealed->rfind("v1.k1.", 0), 0u);
  EXPECT_EQ(sealed->find(id), std::string::npos);
  EXPECT_NE(*sealed, *ring_.encrypt(id, "person.id_number"));  // random IV
  EXPECT_EQ(*ring_.decrypt(*sealed, "person.id_number"), id);
  EXPECT_EQ(*ring_.decrypt(*ring_.encrypt("𠮷 北京市东城区", "person.address"), "person.address"),
            "𠮷 北京市东城区");
  EXPECT_EQ(*ring_.decrypt(*ring_.encrypt("", "person.phone"), "person.phone"), "");
}

TEST_F(KeyRingTest, TamperingOrMovingACiphertextIsRefused) {
  auto sealed = *ring_.encrypt("13800138000", "person.phone");
  EXPECT_FALSE(ring_.decrypt(sealed, "person.id_number"));  // another column
  for (std::size_t i = 6; i < sealed.size(); ++i) {  // every character, the last included
    std::string t = sealed;
    t[i] = t[i] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(ring_.decrypt(t, "person.phone")) << i;
  }
  EXPECT_FALSE(ring_.decrypt("v1.k2." + sealed.substr(6), "person.phone"));  // unknown key
  EXPECT_FALSE(ring_.decrypt("garbage", "person.phone"));
}

TEST_F(KeyRingTest, LookupHashIsStableKeyedAndNotThePlainDigest) {
  EXPECT_EQ(ring_.lookup_hash("11010519491231002X"), ring_.lookup_hash("11010519491231002X"));
  EXPECT_NE(ring_.lookup_hash("11010519491231002X"), ring_.lookup_hash("11010519491231003X"));
  EXPECT_NE(ring_.lookup_hash("11010519491231002X"), sm3_hex("11010519491231002X"));
  const auto other_path = (dir_ / "other").string();
  ASSERT_TRUE(KeyRing::generate(other_path, "k1"));
  EXPECT_NE(KeyRing::load(other_path)->lookup_hash("x"), ring_.lookup_hash("x"));
}

TEST_F(KeyRingTest, OldKeysStillDecryptAfterRotation) {
  auto old = *ring_.encrypt("张三", "person.name");
  // Rotation: a new current key on top, the old one kept below it.
  std::ifstream in(path_);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  const auto rotated = (dir_ / "rotated").string();
  ASSERT_TRUE(KeyRing::generate(rotated, "k2"));
  std::ifstream rin(rotated);
  std::string rtext((std::istreambuf_iterator<char>(rin)), {});
  const auto k2_line = rtext.substr(rtext.find("key k2"));
  const auto k1_line = text.substr(text.find("key k1"));
  const auto lookup_line = text.substr(text.find("lookup"), text.find('\n', text.find("lookup")) - text.find("lookup") + 1);
  std::filesystem::remove(rotated);
  {
    std::ofstream out(rotated);
    out << lookup_line << k2_line << k1_line;
  }
  ::chmod(rotated.c_str(), 0600);
  auto ring2 = KeyRing::load(rotated);
  ASSERT_TRUE(ring2) << ring2.error().message;
  EXPECT_EQ(ring2->current_key_id(), "k2");
  EXPECT_EQ(*ring2->decrypt(old, "person.name"), "张三");
  EXPECT_EQ(ring2->encrypt("x", "c")->rfind("v1.k2.", 0), 0u);
  EXPECT_EQ(ring2->lookup_hash("x"), ring_.lookup_hash("x"));
}

TEST_F(KeyRingTest, RefusesAKeyFileOthersCanReadAndDoesNotOverwrite) {
  ::chmod(path_.c_str(), 0644);
  auto r = KeyRing::load(path_);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "privacy.key_file");
  EXPECT_FALSE(KeyRing::generate(path_, "k9"));
}

}  // namespace
}  // namespace yc::privacy
