#include "identity/oidc.hpp"

#include <openssl/evp.h>

#include <memory>

#include "identity/jwt.hpp"
#include "identity/secrets.hpp"
#include "platform/http/http.hpp"
#include "platform/time.hpp"

namespace yc::identity {
namespace {

namespace json = boost::json;

constexpr std::int64_t kMetadataTtlMs = 3'600'000;
constexpr std::int64_t kSkewMs = 120'000;

Error refused(std::string message) { return Error::make(ErrorCode::kUnauthenticated, std::move(message)); }
Error unreachable(std::string message) { return Error::make(ErrorCode::kUnavailable, std::move(message)); }

std::string text(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::optional<std::int64_t> number(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64()) return static_cast<std::int64_t>(v->as_uint64());
  if (v->is_double()) return static_cast<std::int64_t>(v->as_double());
  return std::nullopt;
}

std::string s256(std::string_view verifier) {
  unsigned char md[32];
  unsigned int len = 0;
  EVP_Digest(verifier.data(), verifier.size(), md, &len, EVP_sha256(), nullptr);
  return jwt::base64url_encode(std::string_view(reinterpret_cast<const char*>(md), len));
}

}  // namespace

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [k, v] : fields) out += (out.empty() ? "" : "&") + http::percent_encode(k) + "=" + http::percent_encode(v);
  return out;
}

OidcClient::OidcClient(OidcConfig config, HttpFetch fetch, Clock clock)
    : config_(std::move(config)), fetch_(std::move(fetch)), clock_(clock ? std::move(clock) : Clock(&time::now_ms)) {
  while (!config_.issuer.empty() && config_.issuer.back() == '/') config_.issuer.pop_back();
}

Result<json::object> OidcClient::get_json(const std::string& url, const std::string& bearer) {
  HttpCall call{"GET", url, {{"Accept", "application/json"}}, ""};
  if (!bearer.empty()) call.headers.emplace_back("Authorization", "Bearer " + bearer);
  auto a = YC_TRY(fetch_(call));
  if (a.status != 200) return Unexpected{unreachable("身份认证平台返回错误 (HTTP " + std::to_string(a.status) + ")")};
  boost::system::error_code ec;
  auto v = json::parse(a.body, ec);
  if (ec || !v.is_object()) return Unexpected{unreachable("身份认证平台的应答格式不正确")};
  return v.as_object();
}

Result<OidcClient::Metadata> OidcClient::metadata() {
  const auto now = clock_();
  {
    std::lock_guard lock(mu_);
    if (metadata_ && now - metadata_at_ < kMetadataTtlMs) return *metadata_;
  }
  auto doc = YC_TRY(get_json(config_.issuer + "/.well-known/openid-configuration"));
  Metadata m{text(doc, "issuer"), text(doc, "authorization_endpoint"), text(doc, "token_endpoint"),
             text(doc, "userinfo_endpoint"), text(doc, "jwks_uri")};
  // OpenID Connect Discovery 1.0 §4.3: the issuer must be exactly the one configured.
  if (m.issuer != config_.issuer) return Unexpected{unreachable("身份认证平台的 issuer 与配置不一致")};
  for (const auto* u : {&m.authorization_endpoint, &m.token_endpoint, &m.userinfo_endpoint, &m.jwks_uri})
    if (u->empty() || !http::allowed_peer_url(*u)) return Unexpected{unreachable("身份认证平台的元数据不完整")};
  std::lock_guard lock(mu_);
  metadata_ = m;
  metadata_at_ = now;
  return m;
}

Result<json::object> OidcClient::jwks(bool refresh) {
  const auto now = clock_();
  {
    std::lock_guard lock(mu_);
    if (!refresh && jwks_ && now - jwks_at_ < kMetadataTtlMs) return *jwks_;
  }
  auto m = YC_TRY(metadata());
  auto set = YC_TRY(get_json(m.jwks_uri));
  std::lock_guard lock(mu_);
  jwks_ = set;
  jwks_at_ = now;
  return set;
}

Result<OidcStart> OidcClient::start(const std::string& redirect_uri) {
  if (!enabled()) return Unexpected{unreachable("未启用统一身份认证")};
  auto m = YC_TRY(metadata());
  OidcStart s;
  s.state = random_token(24);
  s.nonce = random_token(24);
  s.verifier = random_token(48);  // 64 characters of [A-Za-z0-9_-]: RFC 7636 §4.1
  const char sep = m.authorization_endpoint.find('?') == std::string::npos ? '?' : '&';
  s.url = m.authorization_endpoint + sep +
          form_encode({{"response_type", "code"},
                       {"client_id", config_.client_id},
                       {"redirect_uri", redirect_uri},
                       {"scope", config_.scopes},
                       {"state", s.state},
                       {"nonce", s.nonce},
                       {"code_challenge", s256(s.verifier)},
                       {"code_challenge_method", "S256"}});
  return s;
}

Result<OidcIdentity> OidcClient::finish(const std::string& code, const std::string& redirect_uri,
                                        const std::string& nonce, const std::string& verifier) {
  if (code.empty() || code.size() > 2048) return Unexpected{refused("身份认证平台没有返回授权码")};
  auto m = YC_TRY(metadata());
  HttpCall call{"POST", m.token_endpoint,
                {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}}, ""};
  // client_secret_basic (RFC 6749 §2.3.1): both parts form-encoded first.
  {
    const std::string user = form_encode({{"u", config_.client_id}}).substr(2);
    const std::string pass = form_encode({{"p", config_.client_secret}}).substr(2);
    const std::string raw = user + ":" + pass;
    std::string b64(4 * ((raw.size() + 2) / 3) + 1, '\0');
    EVP_EncodeBlock(reinterpret_cast<unsigned char*>(b64.data()), reinterpret_cast<const unsigned char*>(raw.data()),
                    static_cast<int>(raw.size()));
    b64.resize(std::char_traits<char>::length(b64.c_str()));
    call.headers.emplace_back("Authorization", "Basic " + b64);
  }
  call.body = form_encode({{"grant_type", "authorization_code"},
                           {"code", code},
                           {"redirect_uri", redirect_uri},
                           {"code_verifier", verifier}});
  auto answer = YC_TRY(fetch_(call));
  boost::system::error_code ec;
  auto parsed = json::parse(answer.body, ec);
  if (ec || !parsed.is_object()) return Unexpected{unreachable("身份认证平台的应答格式不正确")};
  const auto& tokens = parsed.as_object();
  if (answer.status != 200) return Unexpected{refused("身份认证平台拒绝了授权码: " + text(tokens, "error").substr(0, 60))};
  const auto id_token = text(tokens, "id_token");
  const auto access_token = text(tokens, "access_token");
  if (id_token.empty() || access_token.empty()) return Unexpected{refused("身份认证平台没有返回身份令牌")};

  auto decoded = YC_TRY(jwt::decode(id_token));
  if (auto v = jwt::verify(decoded, YC_TRY(jwks(false))); !v) {
    // The provider may have rotated its keys: read them again, once.
    YC_TRY_VOID(jwt::verify(decoded, YC_TRY(jwks(true))));
  }
  const auto& c = decoded.claims;
  if (text(c, "iss") != config_.issuer) return Unexpected{refused("身份令牌的签发方不符")};
  bool audience = false;
  std::size_t audiences = 0;
  if (const auto* aud = c.if_contains("aud")) {
    if (aud->is_string()) {
      audience = aud->as_string() == config_.client_id;
      audiences = 1;
    } else if (aud->is_array()) {
      for (const auto& a : aud->as_array()) audience = audience || (a.is_string() && a.as_string() == config_.client_id);
      audiences = aud->as_array().size();
    }
  }
  if (!audience) return Unexpected{refused("身份令牌不是签发给本平台的")};
  if (audiences > 1 && text(c, "azp") != config_.client_id) return Unexpected{refused("身份令牌的授权方不符")};
  const auto now = clock_();
  const auto exp = number(c, "exp");
  const auto iat = number(c, "iat");
  if (!exp || *exp * 1000 + kSkewMs < now) return Unexpected{refused("身份令牌已过期,请重新登录")};
  if (!iat || *iat * 1000 - kSkewMs > now) return Unexpected{refused("身份令牌的签发时间不正确")};
  if (text(c, "nonce") != nonce) return Unexpected{refused("身份令牌与本次登录不符")};
  const auto sub = text(c, "sub");
  if (sub.empty() || sub.size() > 255) return Unexpected{refused("身份令牌缺少用户标识")};

  // The claims: from UserInfo (OpenID Connect Core §5.3.2: its sub must match).
  auto info = YC_TRY(get_json(m.userinfo_endpoint, access_token));
  if (text(info, "sub") != sub) return Unexpected{refused("身份信息与身份令牌不符")};
  OidcIdentity id;
  id.subject = config_.issuer + "|" + sub;
  const auto claim = [&](const std::string& name) {
    auto v = text(info, name);
    return v.empty() ? text(c, name) : v;
  };
  id.name = claim(config_.name_claim);
  id.id_number = claim(config_.id_number_claim);
  id.credit_code = claim(config_.credit_code_claim);
  id.phone = claim(config_.phone_claim);
  return id;
}

}  // namespace yc::identity
