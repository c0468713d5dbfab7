#include "identity/citizen_routes.hpp"

#include <openssl/crypto.h>

#include <boost/json.hpp>

#include "platform/http/json_body.hpp"
#include "platform/log.hpp"
#include "platform/time.hpp"

namespace yc::identity {
namespace {

namespace json = boost::json;
using http::Method;

constexpr const char* kStateCookie = "yc_oidc";
constexpr const char* kHome = "/portal/me";
constexpr const char* kLoginPage = "/portal/login";

// Only a path of this site: never an open redirect.
std::string safe_next(const std::optional<std::string>& next) {
  if (!next || next->empty() || next->size() > 500 || (*next)[0] != '/' || next->starts_with("//") ||
      next->find('\\') != std::string::npos || next->find_first_of("\r\n") != std::string::npos)
    return kHome;
  return *next;
}

http::Response redirect(const std::string& to) {
  http::Response r;
  r.status = 302;
  r.content_type = "text/plain; charset=utf-8";
  r.header("Location", to);
  r.header("Cache-Control", "no-store");
  return r;
}

http::Response to_login_page(const std::string& message) {
  return redirect(std::string(kLoginPage) + "?error=" + http::percent_encode(message));
}

std::string state_cookie(const http::Request& r, const CookiePolicy& p, const std::string& value) {
  std::string c = std::string(kStateCookie) + "=" + value + "; Path=/api/citizen/; HttpOnly; SameSite=Lax; Max-Age=" +
                  (value.empty() ? "0" : "600");
  auto proto = r.header("x-forwarded-proto");
  if (p.secure || (proto && *proto == "https")) c += "; Secure";
  return c;
}

json::object me_json(const CitizenPrincipal& p) {
  return {{"citizen", json::object{{"id", p.citizen_id},
                                   {"kind", p.kind},
                                   {"name", p.name_masked},
                                   {"id_number", p.id_masked},
                                   {"phone", p.phone_masked},
                                   {"demo", p.demo}}},
          {"csrf_token", p.csrf_token},
          {"expires_at", time::format_utc(p.expires_at)}};
}

http::Response signed_in(ApiRouter& api, const http::Request& r, const Citizens::SignedIn& s, http::Response resp) {
  resp.header("Set-Cookie", citizen_cookie(api.cookies(), r, s.token));
  return resp;
}

}  // namespace

void add_citizen_routes(ApiRouter& api, std::shared_ptr<OidcClient> oidc, CitizenRouteSettings settings) {
  const auto redirect_uri = [settings](const http::Request& r) {
    return settings.redirect_url.empty() ? http::public_base(settings.public_url, r) + "/api/citizen/callback"
                                         : settings.redirect_url;
  };

  api.add_public(Method::kGet, "/api/citizen/config", [oidc, settings](const http::Request&) -> Result<http::Response> {
    json::array demo;
    if (settings.demo_accounts)
      for (const auto& d : demo_citizens())
        demo.push_back(json::object{{"key", d.key}, {"name", d.name}});
    return http::json_response(200, json::object{{"oidc", oidc->enabled()},
                                                 {"provider_name", oidc->config().provider_name},
                                                 {"demo", settings.demo_accounts},
                                                 {"demo_accounts", demo}});
  });

  // OpenID Connect: off to the provider with state, nonce and the PKCE challenge.
  api.add_public(Method::kGet, "/api/citizen/login", [&api, oidc, redirect_uri](const http::Request& r) -> Result<http::Response> {
    if (!oidc->enabled()) return fail(ErrorCode::kUnavailable, "本平台未接入统一身份认证");
    auto start = YC_TRY(oidc->start(redirect_uri(r)));
    YC_TRY_VOID(api.citizens()->remember_login(start, safe_next(r.query("next"))));
    auto resp = redirect(start.url);
    resp.header("Set-Cookie", state_cookie(r, api.cookies(), start.state));
    return resp;
  });

  // Back from the provider: the state must be this browser's (its cookie),
  // then the code is exchanged and the ID token checked.
  api.add_public(Method::kGet, "/api/citizen/callback", [&api, oidc, redirect_uri](const http::Request& r) -> Result<http::Response> {
    auto fail_to = [&](const std::string& message) {
      auto resp = to_login_page(message);
      resp.header("Set-Cookie", state_cookie(r, api.cookies(), ""));
      return resp;
    };
    const auto state = r.query("state").value_or("");
    const auto cookie = cookie_value(r, kStateCookie).value_or("");
    if (state.empty() || cookie.size() != state.size() ||
        CRYPTO_memcmp(cookie.data(), state.data(), state.size()) != 0)
      return fail_to("登录请求已失效或不是从本浏览器发起的,请重新登录");
    auto pending = api.citizens()->take_login(state);
    if (!pending) return fail_to(pending.error().message);
    if (auto e = r.query("error")) {
      return fail_to(*e == "access_denied" ? "您已取消登录" : "统一身份认证未完成登录,请重试");
    }
    auto who = oidc->finish(r.query("code").value_or(""), redirect_uri(r), pending->nonce, pending->verifier);
    if (!who) {
      log::warn(log::redact("citizen sign-in refused: " + who.error().message));
      return fail_to(who.error().code == ErrorCode::kUnavailable ? "统一身份认证暂时无法使用,请稍后再试"
                                                                  : "身份核验未通过,请重新登录");
    }
    auto session = api.citizens()->sign_in(*who, false, client_of(r));
    if (!session) return fail_to(session.error().message);
    auto resp = signed_in(api, r, *session, redirect(pending->next_path));
    resp.header("Set-Cookie", state_cookie(r, api.cookies(), ""));
    return resp;
  });

  // Demo citizens (citizen.demo_accounts, set by `make run` only).
  api.add_public(Method::kPost, "/api/citizen/demo-login", [&api, settings](const http::Request& r) -> Result<http::Response> {
    if (!settings.demo_accounts) return fail(ErrorCode::kNotFound, "未开放演示账号");
    auto b = YC_TRY(http::JsonObject::parse(r));
    const auto key = YC_TRY(b.text("account", 40));
    for (const auto& d : demo_citizens()) {
      if (d.key != key) continue;
      auto s = YC_TRY(api.citizens()->sign_in(OidcIdentity{"demo|" + d.key, d.name, d.id_number, "", d.phone}, true,
                                               client_of(r)));
      return signed_in(api, r, s, http::json_response(200, me_json(s.principal)));
    }
    return fail(ErrorCode::kInvalidArgument, "没有这个演示账号", "account");
  });

  api.add_citizen(Method::kGet, "/api/citizen/me", [](const http::Request&, const CitizenPrincipal& p) -> Result<http::Response> {
    return http::json_response(200, me_json(p));
  });

  api.add_citizen(Method::kPost, "/api/citizen/logout", [&api](const http::Request& r, const CitizenPrincipal& p) -> Result<http::Response> {
    YC_TRY_VOID(api.citizens()->logout(p, client_of(r)));
    auto resp = http::no_content();
    resp.header("Set-Cookie", citizen_cookie(api.cookies(), r, ""));
    return resp;
  });
}

}  // namespace yc::identity
