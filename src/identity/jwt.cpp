#include "identity/jwt.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <sodium.h>

#include <memory>

namespace yc::identity::jwt {
namespace {

namespace json = boost::json;

Error bad(std::string message) { return Error::make(ErrorCode::kUnauthenticated, std::move(message)); }

struct PkeyFree { void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); } };
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

std::string text(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

// A public key from a JWK: RSA (n, e) or EC P-256 (x, y).
Result<Pkey> key_of(const json::object& jwk) {
  const auto kty = text(jwk, "kty");
  std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)> bld(OSSL_PARAM_BLD_new(), OSSL_PARAM_BLD_free);
  std::unique_ptr<BIGNUM, decltype(&BN_free)> n(nullptr, BN_free), e(nullptr, BN_free);
  std::string pub;
  const char* type = nullptr;
  if (kty == "RSA") {
    auto nb = base64url_decode(text(jwk, "n"));
    auto eb = base64url_decode(text(jwk, "e"));
    if (!nb || !eb || nb->empty() || eb->empty()) return Unexpected{bad("身份认证平台的公钥格式不正确")};
    n.reset(BN_bin2bn(reinterpret_cast<const unsigned char*>(nb->data()), static_cast<int>(nb->size()), nullptr));
    e.reset(BN_bin2bn(reinterpret_cast<const unsigned char*>(eb->data()), static_cast<int>(eb->size()), nullptr));
    if (!n || !e || BN_num_bits(n.get()) < 2048) return Unexpected{bad("身份认证平台的公钥过短或格式不正确")};
    OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, n.get());
    OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, e.get());
    type = "RSA";
  } else if (kty == "EC" && text(jwk, "crv") == "P-256") {
    auto x = base64url_decode(text(jwk, "x"));
    auto y = base64url_decode(text(jwk, "y"));
    if (!x || !y || x->size() != 32 || y->size() != 32) return Unexpected{bad("身份认证平台的公钥格式不正确")};
    pub = "\x04" + *x + *y;
    OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0);
    OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, pub.data(), pub.size());
    type = "EC";
  } else {
    return Unexpected{bad("不支持的公钥类型")};
  }
  std::unique_ptr<OSSL_PARAM, decltype(&OSSL_PARAM_free)> params(OSSL_PARAM_BLD_to_param(bld.get()), OSSL_PARAM_free);
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr),
                                                                   EVP_PKEY_CTX_free);
  EVP_PKEY* raw = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) <= 0)
    return Unexpected{bad("身份认证平台的公钥无法使用")};
  return Pkey(raw);
}

// JWS ES256 signatures are r || s (32 bytes each); OpenSSL verifies DER.
std::optional<std::string> ecdsa_der(std::string_view raw) {
  if (raw.size() != 64) return std::nullopt;
  std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> sig(ECDSA_SIG_new(), ECDSA_SIG_free);
  BIGNUM* r = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()), 32, nullptr);
  BIGNUM* s = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()) + 32, 32, nullptr);
  if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    return std::nullopt;
  }
  unsigned char* der = nullptr;
  const int len = i2d_ECDSA_SIG(sig.get(), &der);
  if (len <= 0) return std::nullopt;
  std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  return out;
}

}  // namespace

std::optional<std::string> base64url_decode(std::string_view in) {
  std::string out(in.size(), '\0');
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), in.data(), in.size(), nullptr, &len,
                        nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
    return std::nullopt;
  out.resize(len);
  return out;
}

std::string base64url_encode(std::string_view in) {
  std::string out(sodium_base64_encoded_len(in.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(in.data()), in.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

Result<Decoded> decode(std::string_view token) {
  if (token.size() > 16 * 1024) return Unexpected{bad("身份令牌过长")};
  const auto a = token.find('.');
  const auto b = a == std::string_view::npos ? a : token.find('.', a + 1);
  if (b == std::string_view::npos || token.find('.', b + 1) != std::string_view::npos)
    return Unexpected{bad("身份令牌格式不正确")};
  auto header = base64url_decode(token.substr(0, a));
  auto payload = base64url_decode(token.substr(a + 1, b - a - 1));
  auto signature = base64url_decode(token.substr(b + 1));
  if (!header || !payload || !signature) return Unexpected{bad("身份令牌格式不正确")};
  boost::system::error_code ec;
  auto h = json::parse(*header, ec);
  if (ec || !h.is_object()) return Unexpected{bad("身份令牌格式不正确")};
  auto c = json::parse(*payload, ec);
  if (ec || !c.is_object()) return Unexpected{bad("身份令牌格式不正确")};
  return Decoded{h.as_object(), c.as_object(), std::string(token.substr(0, b)), std::move(*signature)};
}

Result<void> verify(const Decoded& d, const json::object& jwks) {
  const auto alg = text(d.header, "alg");
  if (alg != "RS256" && alg != "ES256") return Unexpected{bad("不接受的身份令牌签名算法")};
  const auto kid = text(d.header, "kid");
  const auto* keys = jwks.if_contains("keys");
  if (!keys || !keys->is_array()) return Unexpected{bad("身份认证平台的公钥集格式不正确")};
  const json::object* jwk = nullptr;
  int candidates = 0;
  for (const auto& k : keys->as_array()) {
    if (!k.is_object()) continue;
    const auto& o = k.as_object();
    if (auto use = text(o, "use"); !use.empty() && use != "sig") continue;
    if (auto kalg = text(o, "alg"); !kalg.empty() && kalg != alg) continue;
    if (!kid.empty() && text(o, "kid") != kid) continue;
    if ((alg == "RS256") != (text(o, "kty") == "RSA")) continue;
    jwk = &o;
    ++candidates;
  }
  if (jwk == nullptr || (kid.empty() && candidates != 1)) return Unexpected{bad("找不到验证身份令牌的公钥")};
  auto key = YC_TRY(key_of(*jwk));
  std::string sig = d.signature;
  if (alg == "ES256") {
    auto der = ecdsa_der(sig);
    if (!der) return Unexpected{bad("身份令牌签名无效")};
    sig = std::move(*der);
  }
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!md || EVP_DigestVerifyInit(md.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
      EVP_DigestVerify(md.get(), reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                       reinterpret_cast<const unsigned char*>(d.signing_input.data()), d.signing_input.size()) != 1)
    return Unexpected{bad("身份令牌签名无效")};
  return {};
}

}  // namespace yc::identity::jwt
