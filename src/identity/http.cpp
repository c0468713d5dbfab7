#include "identity/http.hpp"

#include <openssl/crypto.h>

#include <cctype>

#include "platform/time.hpp"

namespace yc::identity {
namespace {

bool unsafe(http::Method m) {
  return m == http::Method::kPost || m == http::Method::kPut || m == http::Method::kPatch ||
         m == http::Method::kDelete;
}

std::string limit_key(http::Method method, std::string_view pattern) {
  return std::string(http::method_name(method)) + " " + std::string(pattern);
}

std::optional<std::string_view> bearer_of(const http::Request& r) {
  auto auth = r.header("authorization");
  if (!auth) return std::nullopt;
  constexpr std::string_view kBearer = "Bearer ";
  if (auth->size() < kBearer.size()) return std::nullopt;
  for (std::size_t i = 0; i < kBearer.size(); ++i)
    if (std::tolower(static_cast<unsigned char>((*auth)[i])) != std::tolower(static_cast<unsigned char>(kBearer[i])))
      return std::nullopt;
  return auth->substr(kBearer.size());
}

Error rate_limited(int wait_s) {
  auto e = Error::make(ErrorCode::kRateLimited);
  e.retry_after_s = wait_s;
  return e;
}

bool behind_tls(const CookiePolicy& p, const http::Request& r) {
  if (p.secure) return true;
  auto proto = r.header("x-forwarded-proto");
  return proto && *proto == "https";
}

}  // namespace

Client client_of(const http::Request& r) {
  Client c;
  c.address = r.remote_address;
  if (auto ua = r.header("user-agent")) c.user_agent = std::string(ua->substr(0, 200));
  return c;
}

std::optional<std::string> cookie_value(const http::Request& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (k != "cookie") continue;
    std::string_view rest = v;
    while (!rest.empty()) {
      auto end = rest.find(';');
      auto part = rest.substr(0, end);
      rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
      while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
      auto eq = part.find('=');
      if (eq != std::string_view::npos && part.substr(0, eq) == name) return std::string(part.substr(eq + 1));
    }
  }
  return std::nullopt;
}

std::string session_cookie(const CookiePolicy& p, const http::Request& r, std::string_view token) {
  std::string c = p.name + "=" + std::string(token) + "; Path=/; HttpOnly; SameSite=Strict";
  if (behind_tls(p, r)) c += "; Secure";
  return c;
}

std::string citizen_cookie(const CookiePolicy& p, const http::Request& r, std::string_view token) {
  std::string c = std::string(kCitizenCookie) + "=" + std::string(token) + "; Path=/; HttpOnly; SameSite=Lax";
  if (token.empty()) c += "; Max-Age=0";
  if (behind_tls(p, r)) c += "; Secure";
  return c;
}

std::string cleared_cookie(const CookiePolicy& p, const http::Request& r) {
  std::string c = p.name + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict";
  if (behind_tls(p, r)) c += "; Secure";
  return c;
}

http::Response respond(const http::Request& r, Result<http::Response> result) {
  if (!result) return http::error_response(result.error(), r.request_id);
  return std::move(result).value();
}

ApiRouter::ApiRouter(http::Router& router, Accounts& accounts, CookiePolicy cookies)
    : router_(router), accounts_(accounts), cookies_(std::move(cookies)) {}

Result<Principal> ApiRouter::gate(const http::Request& r, http::Method method, Access access,
                                  const std::string& permission, bool clients, bool* clear_cookie) const {
  // An authorized system's token (issue 10, item 7): only on the routes open
  // to systems, which are all GET, so no CSRF token is involved.
  if (auto bearer = bearer_of(r)) {
    if (!clients || clients_ == nullptr || method != http::Method::kGet)
      return fail(ErrorCode::kUnauthenticated, "此接口不对接入系统开放", "Authorization");
    auto principal = YC_TRY(clients_->authenticate(*bearer, client_of(r)));
    if (!permission.empty() && !principal.has(permission))
      return fail(ErrorCode::kForbidden, "接入系统未获得此接口的授权范围");
    return principal;
  }
  if (access == Access::kClient)
    return fail(ErrorCode::kUnauthenticated, "请使用接入系统令牌 (Authorization: Bearer)", "Authorization");
  auto token = cookie_value(r, cookies_.name);
  auto principal = accounts_.authenticate(token.value_or(""));
  if (!principal) {
    *clear_cookie = token.has_value();
    return Unexpected{principal.error()};
  }
  if (unsafe(method)) {
    // Issue 4, item 3: every unsafe method carries the session's CSRF token.
    auto given = r.header("x-csrf-token");
    const auto& want = principal->csrf_token;
    if (!given || given->size() != want.size() || CRYPTO_memcmp(given->data(), want.data(), want.size()) != 0)
      return fail(ErrorCode::kCsrfRejected, {}, "X-CSRF-Token");
  }
  if (access == Access::kSignedIn) {
    if (principal->step != Step::kDone)
      return fail(ErrorCode::kStepRequired, {}, std::string(step_name(principal->step)));
    if (!permission.empty() && !principal->has(permission))
      return fail(ErrorCode::kForbidden, "您没有执行此操作的权限");
  }
  return principal;
}

int ApiRouter::throttle(const std::string& key, const http::Request& r) const {
  auto it = limits_.find(key);
  if (it == limits_.end()) return 0;
  if (it->second.devices_exempt)
    if (auto auth = r.header("authorization"); auth && auth->starts_with("Device ")) return 0;
  return it->second.limiter->take(r.remote_address, time::now_ms());
}

void ApiRouter::open_to_clients(std::unique_ptr<ApiClients> clients, std::set<std::string> get_patterns) {
  clients_ = std::move(clients);
  client_patterns_ = std::move(get_patterns);
}

void ApiRouter::rate_limit(http::Method method, const std::string& pattern, RateLimit limit, bool devices_exempt) {
  limits_[limit_key(method, pattern)] = Limit{std::make_unique<RateLimiter>(limit), devices_exempt};
}

void ApiRouter::add_gated(http::Method method, std::string pattern, Access access, std::string permission,
                          ApiHandler handler, std::int64_t max_body_bytes) {
  const bool clients = access == Access::kClient ||
                       (access == Access::kSignedIn && method == http::Method::kGet && client_patterns_.contains(pattern));
  endpoints_.push_back(Endpoint{method, pattern, access, permission, clients});
  router_.add(method, pattern,
              [this, method, access, clients, key = limit_key(method, pattern), permission = std::move(permission),
               handler = std::move(handler)](const http::Request& r) {
                if (int wait = throttle(key, r); wait > 0) return http::error_response(rate_limited(wait), r.request_id);
                bool clear = false;
                auto principal = gate(r, method, access, permission, clients, &clear);
                if (!principal) {
                  auto resp = http::error_response(principal.error(), r.request_id);
                  if (clear) resp.header("Set-Cookie", cleared_cookie(cookies_, r));
                  return resp;
                }
                return respond(r, handler(r, *principal));
              },
              http::Execution::kWorker, max_body_bytes);
}

void ApiRouter::add(http::Method method, std::string pattern, std::string permission, ApiHandler handler) {
  add_gated(method, std::move(pattern), Access::kSignedIn, std::move(permission), std::move(handler));
}

void ApiRouter::add_upload(http::Method method, std::string pattern, std::string permission,
                           std::int64_t max_body_bytes, ApiHandler handler) {
  add_gated(method, std::move(pattern), Access::kSignedIn, std::move(permission), std::move(handler), max_body_bytes);
}

void ApiRouter::add_session(http::Method method, std::string pattern, ApiHandler handler) {
  add_gated(method, std::move(pattern), Access::kSession, "", std::move(handler));
}

void ApiRouter::add_public(http::Method method, std::string pattern, PublicHandler handler) {
  endpoints_.push_back(Endpoint{method, pattern, Access::kPublic, ""});
  router_.add(method, pattern,
              [this, key = limit_key(method, pattern), handler = std::move(handler)](const http::Request& r) {
                if (int wait = throttle(key, r); wait > 0) return http::error_response(rate_limited(wait), r.request_id);
                return respond(r, handler(r));
              });
}

void ApiRouter::open_to_citizens(std::unique_ptr<Citizens> citizens) { citizens_ = std::move(citizens); }

void ApiRouter::add_citizen(http::Method method, std::string pattern, CitizenHandler handler,
                            std::int64_t max_body_bytes) {
  endpoints_.push_back(Endpoint{method, pattern, Access::kCitizen, ""});
  router_.add(method, pattern,
              [this, method, key = limit_key(method, pattern), handler = std::move(handler)](const http::Request& r) {
                if (int wait = throttle(key, r); wait > 0) return http::error_response(rate_limited(wait), r.request_id);
                auto gate = [&]() -> Result<CitizenPrincipal> {
                  if (citizens_ == nullptr) return fail(ErrorCode::kUnavailable, "未开放居民登录");
                  auto token = cookie_value(r, kCitizenCookie);
                  auto p = YC_TRY(citizens_->authenticate(token.value_or("")));
                  if (unsafe(method)) {
                    auto given = r.header("x-csrf-token");
                    const auto& want = p.csrf_token;
                    if (!given || given->size() != want.size() ||
                        CRYPTO_memcmp(given->data(), want.data(), want.size()) != 0)
                      return fail(ErrorCode::kCsrfRejected, {}, "X-CSRF-Token");
                  }
                  return p;
                }();
                if (!gate) {
                  auto resp = http::error_response(gate.error(), r.request_id);
                  if (gate.error().code == ErrorCode::kUnauthenticated && cookie_value(r, kCitizenCookie))
                    resp.header("Set-Cookie", citizen_cookie(cookies_, r, ""));
                  return resp;
                }
                return respond(r, handler(r, *gate));
              },
              http::Execution::kWorker, max_body_bytes);
}

void ApiRouter::add_client(std::string pattern, std::string permission, ApiHandler handler) {
  add_gated(http::Method::kGet, std::move(pattern), Access::kClient, std::move(permission), std::move(handler));
}

}  // namespace yc::identity
