#pragma once
// Authorized systems reading the API (issue 10, item 7): a district's data
// centre or the city's supervision platform holds a token for one unit and
// the units below it, with scopes (cases.read, stats.read). The token is
// random, shown once, and kept only as a hash; it is sent as
// `Authorization: Bearer <token>` on the GET routes open to systems
// (docs/api/exchange.md, docs/api/openapi.json).

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit/model.hpp"
#include "identity/service.hpp"
#include "org/scope.hpp"
#include "platform/rate_limit.hpp"
#include "platform/result.hpp"
#include "store/database.hpp"

namespace yc::identity {

// What a system may be granted. Staff permissions of the same name mean the
// same thing, so routes open to systems check them unchanged.
const std::vector<std::string>& api_client_scopes();

struct ApiClient {
  std::int64_t id = 0;
  std::string name, unit_code, unit_name, unit_path;
  std::vector<std::string> scopes;
  std::string token_prefix, created_by_login;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> expires_at, revoked_at, last_used_at;
  std::string last_used_address;
};

struct NewApiClient {
  std::string name, unit_code;
  std::vector<std::string> scopes;
  std::optional<std::string> expires_on;  // YYYY-MM-DD (Beijing): the last day it works
};

struct IssuedToken {
  ApiClient client;
  std::string token;  // shown once
};

// exchange.manage, over the units of the grant.
Result<std::vector<ApiClient>> list_api_clients(store::Tx& tx, const org::Scope& scope);
Result<IssuedToken> create_api_client(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope,
                                      std::int64_t by, const NewApiClient& in, std::int64_t now);
// A new token; the old one stops at once.
Result<IssuedToken> rotate_api_client(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope,
                                      std::int64_t id, std::int64_t now);
Result<ApiClient> revoke_api_client(store::Tx& tx, const audit::Actor& actor, const org::Scope& scope,
                                    std::int64_t id, std::int64_t by, std::int64_t now);

// Turns a bearer token into the caller of a request: a Principal holding the
// client's scopes as permissions at its unit. Each client may make
// `limit.per_minute` requests a minute (in bursts of `limit.burst`); more
// answer 429 RATE_LIMITED with Retry-After.
class ApiClients {
 public:
  using Clock = std::function<std::int64_t()>;
  ApiClients(store::Database& db, RateLimit limit, Clock clock = {});

  Result<Principal> authenticate(std::string_view token, const Client& client);

 private:
  store::Database& db_;
  RateLimiter limiter_;
  Clock clock_;
};

}  // namespace yc::identity
