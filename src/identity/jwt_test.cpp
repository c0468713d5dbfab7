// The ID-token check (issue 11, item 2): tokens signed here with fresh RSA
// and P-256 keys verify against their JWKs; altered ones, other keys,
// "none" and HMAC never do.
#include "identity/jwt.hpp"

#include <gtest/gtest.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <memory>

namespace yc::identity::jwt {
namespace {

namespace json = boost::json;

struct Key {
  EVP_PKEY* pkey = nullptr;
  json::object jwk;
  ~Key() { EVP_PKEY_free(pkey); }
};

std::string bn_bytes(const EVP_PKEY* k, const char* name, int pad = 0) {
  BIGNUM* bn = nullptr;
  EXPECT_EQ(EVP_PKEY_get_bn_param(k, name, &bn), 1);
  std::string out(static_cast<std::size_t>(std::max(pad, BN_num_bytes(bn))), '\0');
  if (pad > 0)
    BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(out.data()), pad);
  else
    BN_bn2bin(bn, reinterpret_cast<unsigned char*>(out.data()));
  BN_free(bn);
  return out;
}

std::unique_ptr<Key> rsa(const std::string& kid) {
  auto k = std::make_unique<Key>();
  k->pkey = EVP_RSA_gen(2048);
  k->jwk = {{"kty", "RSA"}, {"kid", kid}, {"use", "sig"}, {"alg", "RS256"},
            {"n", base64url_encode(bn_bytes(k->pkey, OSSL_PKEY_PARAM_RSA_N))},
            {"e", base64url_encode(bn_bytes(k->pkey, OSSL_PKEY_PARAM_RSA_E))}};
  return k;
}

std::unique_ptr<Key> p256(const std::string& kid) {
  auto k = std::make_unique<Key>();
  k->pkey = EVP_EC_gen("P-256");
  k->jwk = {{"kty", "EC"}, {"crv", "P-256"}, {"kid", kid},
            {"x", base64url_encode(bn_bytes(k->pkey, OSSL_PKEY_PARAM_EC_PUB_X, 32))},
            {"y", base64url_encode(bn_bytes(k->pkey, OSSL_PKEY_PARAM_EC_PUB_Y, 32))}};
  return k;
}

std::string sign(const Key& k, const json::object& header, const json::object& claims) {
  const auto input = base64url_encode(json::serialize(header)) + "." + base64url_encode(json::serialize(claims));
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EXPECT_EQ(EVP_DigestSignInit(md.get(), nullptr, EVP_sha256(), nullptr, k.pkey), 1);
  std::size_t len = 0;
  EXPECT_EQ(EVP_DigestSign(md.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(input.data()), input.size()), 1);
  std::string sig(len, '\0');
  EXPECT_EQ(EVP_DigestSign(md.get(), reinterpret_cast<unsigned char*>(sig.data()), &len,
                           reinterpret_cast<const unsigned char*>(input.data()), input.size()), 1);
  sig.resize(len);
  if (EVP_PKEY_is_a(k.pkey, "EC")) {  // DER -> r || s
    const auto* p = reinterpret_cast<const unsigned char*>(sig.data());
    ECDSA_SIG* s = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(sig.size()));
    std::string raw(64, '\0');
    BN_bn2binpad(ECDSA_SIG_get0_r(s), reinterpret_cast<unsigned char*>(raw.data()), 32);
    BN_bn2binpad(ECDSA_SIG_get0_s(s), reinterpret_cast<unsigned char*>(raw.data()) + 32, 32);
    ECDSA_SIG_free(s);
    sig = raw;
  }
  return input + "." + base64url_encode(sig);
}

json::object set(std::initializer_list<const Key*> keys) {
  json::array a;
  for (const auto* k : keys) a.push_back(k->jwk);
  return {{"keys", a}};
}

const json::object kClaims = {{"iss", "https://id.example"}, {"sub", "u-1"}, {"aud", "yichuang"}};

TEST(Jwt, Rs256AndEs256VerifyWithTheirKeys) {
  auto r = rsa("r1");
  auto e = p256("e1");
  const auto jwks = set({r.get(), e.get()});
  auto rt = decode(sign(*r, {{"alg", "RS256"}, {"kid", "r1"}}, kClaims));
  ASSERT_TRUE(rt);
  EXPECT_TRUE(verify(*rt, jwks));
  EXPECT_EQ(rt->claims.at("sub").as_string(), "u-1");
  auto et = decode(sign(*e, {{"alg", "ES256"}, {"kid", "e1"}}, kClaims));
  ASSERT_TRUE(et);
  EXPECT_TRUE(verify(*et, jwks));
}

TEST(Jwt, AnAlteredTokenOrAnotherKeyFails) {
  auto r = rsa("r1");
  auto other = rsa("r1");  // same kid, another key: a forger's
  const auto token = sign(*r, {{"alg", "RS256"}, {"kid", "r1"}}, kClaims);
  auto d = decode(token);
  ASSERT_TRUE(d);
  EXPECT_FALSE(verify(*d, set({other.get()})));
  auto forged = json::object(kClaims);
  forged["sub"] = "u-2";
  auto tampered = decode(base64url_encode(json::serialize(json::object{{"alg", "RS256"}, {"kid", "r1"}})) + "." +
                         base64url_encode(json::serialize(forged)) + token.substr(token.rfind('.')));
  ASSERT_TRUE(tampered);
  const auto v = verify(*tampered, set({r.get()}));
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().code, ErrorCode::kUnauthenticated);
  auto unknown = decode(sign(*r, {{"alg", "RS256"}, {"kid", "r9"}}, kClaims));
  EXPECT_FALSE(verify(*unknown, set({r.get()})));
}

TEST(Jwt, NoneAndHmacAreNeverAccepted) {
  auto r = rsa("r1");
  const auto body = base64url_encode(json::serialize(kClaims));
  auto none = decode(base64url_encode(R"({"alg":"none"})") + "." + body + ".");
  ASSERT_TRUE(none);
  EXPECT_FALSE(verify(*none, set({r.get()})));
  // HS256 "signed" with the public modulus as the secret: the classic confusion.
  auto hs = decode(base64url_encode(R"({"alg":"HS256","kid":"r1"})") + "." + body + "." + base64url_encode("x"));
  ASSERT_TRUE(hs);
  EXPECT_FALSE(verify(*hs, set({r.get()})));
}

TEST(Jwt, MalformedTokensAreRefused) {
  for (const char* t : {"", "a.b", "a.b.c.d", "!!.e30.", "e30.!!.", "bm90IGpzb24.e30."})
    EXPECT_FALSE(decode(t)) << t;
}

}  // namespace
}  // namespace yc::identity::jwt
