#pragma once
// The gate every API route passes (issue 4, items 3-4): the session cookie,
// the CSRF token on unsafe methods, the sign-in steps and the permission.
// Routes are added through ApiRouter, which records each endpoint's access
// rule so the authorization matrix test can hold every route to account.

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "identity/api_clients.hpp"
#include "identity/citizens.hpp"
#include "identity/service.hpp"
#include "platform/rate_limit.hpp"
#include "platform/http/http.hpp"
#include "platform/result.hpp"

namespace yc::identity {

struct CookiePolicy {
  std::string name = "yc_session";
  bool secure = false;  // also set when the proxy says X-Forwarded-Proto: https
};

enum class Access {
  kPublic,    // no session needed
  kSession,   // any live session, also while TOTP or a password change is pending
  kSignedIn,  // a finished sign-in holding the permission (if one is named)
  kClient,    // an authorized system's token (Authorization: Bearer) holding the permission
  kCitizen,   // a citizen's or employer's session on the portal (cookie yc_citizen)
};

using ApiHandler = std::function<Result<http::Response>(const http::Request&, const Principal&)>;
using PublicHandler = std::function<Result<http::Response>(const http::Request&)>;
using CitizenHandler = std::function<Result<http::Response>(const http::Request&, const CitizenPrincipal&)>;

inline constexpr const char* kCitizenCookie = "yc_citizen";

class ApiRouter {
 public:
  ApiRouter(http::Router& router, Accounts& accounts, CookiePolicy cookies);

  // A signed-in caller holding `permission` at some unit ("" = any signed-in
  // caller). The handler narrows to principal.scope(permission) itself.
  void add(http::Method method, std::string pattern, std::string permission, ApiHandler handler);
  // Like add, for a route that takes a raw body up to max_body_bytes (uploads).
  void add_upload(http::Method method, std::string pattern, std::string permission, std::int64_t max_body_bytes,
                  ApiHandler handler);
  void add_session(http::Method method, std::string pattern, ApiHandler handler);
  void add_public(http::Method method, std::string pattern, PublicHandler handler);
  // A GET route only authorized systems call (docs/api/exchange.md).
  void add_client(std::string pattern, std::string permission, ApiHandler handler);
  // A route of signed-in citizens (issue 11): their cookie, and the
  // session's CSRF token on unsafe methods. Needs open_to_citizens first.
  // max_body_bytes: a raw body up to this size (uploads); 0 the default.
  void add_citizen(http::Method method, std::string pattern, CitizenHandler handler, std::int64_t max_body_bytes = 0);
  void open_to_citizens(std::unique_ptr<Citizens> citizens);
  Citizens* citizens() { return citizens_.get(); }

  // Authorized systems (issue 10, item 7): their tokens are checked by
  // `clients`, and may call the signed-in GET routes named here as well as
  // the add_client ones. Call before the routes are added.
  void open_to_clients(std::unique_ptr<ApiClients> clients, std::set<std::string> get_patterns);
  // At most `limit` requests per client address on a route; more answer 429
  // RATE_LIMITED with Retry-After. With `devices_exempt`, requests carrying
  // `Authorization: Device` are not counted: only for routes whose handler
  // refuses a device token that is not a paired device's (a kiosk in a hall
  // shares one address with everyone there).
  void rate_limit(http::Method method, const std::string& pattern, RateLimit limit, bool devices_exempt = false);

  struct Endpoint {
    http::Method method;
    std::string pattern;
    Access access;
    std::string permission;
    bool clients = false;  // also open to authorized systems
  };
  const std::vector<Endpoint>& endpoints() const { return endpoints_; }

  Accounts& accounts() { return accounts_; }
  const CookiePolicy& cookies() const { return cookies_; }

 private:
  Result<Principal> gate(const http::Request& r, http::Method method, Access access,
                         const std::string& permission, bool clients, bool* clear_cookie) const;
  // 0 when the request may go on, else the Retry-After seconds.
  int throttle(const std::string& key, const http::Request& r) const;
  void add_gated(http::Method method, std::string pattern, Access access, std::string permission,
                 ApiHandler handler, std::int64_t max_body_bytes = 0);

  http::Router& router_;
  Accounts& accounts_;
  CookiePolicy cookies_;
  std::vector<Endpoint> endpoints_;
  std::unique_ptr<ApiClients> clients_;
  std::set<std::string> client_patterns_;
  std::unique_ptr<Citizens> citizens_;
  // Filled before the server starts, read-only afterwards.
  struct Limit {
    std::unique_ptr<RateLimiter> limiter;
    bool devices_exempt = false;
  };
  std::map<std::string, Limit> limits_;
};

Client client_of(const http::Request& r);
std::optional<std::string> cookie_value(const http::Request& r, std::string_view name);
// Set-Cookie values: the session cookie, and one that removes it.
std::string session_cookie(const CookiePolicy& p, const http::Request& r, std::string_view token);
// The citizen's cookie: SameSite=Lax, so the identity provider's redirect
// back (a top-level GET from another site) still carries it.
std::string citizen_cookie(const CookiePolicy& p, const http::Request& r, std::string_view token);
std::string cleared_cookie(const CookiePolicy& p, const http::Request& r);

// Answers a Result: the value's response, or the error with its status.
http::Response respond(const http::Request& r, Result<http::Response> result);

}  // namespace yc::identity
