#pragma once
// The relying party of the city's unified identity provider (issue 11, item
// 2): OpenID Connect Core 1.0 authorization code flow with PKCE (RFC 7636,
// S256), discovery (.well-known/openid-configuration), client_secret_basic
// at the token endpoint, the ID token checked here (signature by the
// provider's JWKS, iss, aud, azp, exp, iat, nonce) and the claims read from
// the UserInfo endpoint, whose `sub` must be the ID token's.

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/json.hpp>

#include "platform/config.hpp"
#include "platform/http/client.hpp"
#include "platform/result.hpp"

namespace yc::identity {

using HttpCall = http::Call;
using HttpAnswer = http::Answer;
using HttpFetch = http::Fetch;
using http::curl_fetch;

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);

struct OidcStart {
  std::string url;       // where to send the browser
  std::string state, nonce, verifier;
};

struct OidcIdentity {
  std::string subject;   // issuer + "|" + sub
  std::string name, id_number, credit_code, phone;
};

class OidcClient {
 public:
  using Clock = std::function<std::int64_t()>;
  OidcClient(OidcConfig config, HttpFetch fetch = curl_fetch, Clock clock = {});

  bool enabled() const { return !config_.issuer.empty(); }
  const OidcConfig& config() const { return config_; }

  // A new authorization request to `redirect_uri` (random state, nonce and
  // PKCE verifier; the caller keeps them until the callback).
  Result<OidcStart> start(const std::string& redirect_uri);
  // The callback's code exchanged and checked; kUnauthenticated when the
  // provider's answer does not hold.
  Result<OidcIdentity> finish(const std::string& code, const std::string& redirect_uri, const std::string& nonce,
                              const std::string& verifier);

 private:
  struct Metadata {
    std::string issuer, authorization_endpoint, token_endpoint, userinfo_endpoint, jwks_uri;
  };
  Result<Metadata> metadata();
  Result<boost::json::object> jwks(bool refresh);
  Result<boost::json::object> get_json(const std::string& url, const std::string& bearer = {});

  OidcConfig config_;
  HttpFetch fetch_;
  Clock clock_;
  std::mutex mu_;
  std::optional<Metadata> metadata_;
  std::int64_t metadata_at_ = 0;
  std::optional<boost::json::object> jwks_;
  std::int64_t jwks_at_ = 0;
};

}  // namespace yc::identity
