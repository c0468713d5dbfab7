#pragma once
// The citizens' sign-in API (issue 11, item 2; docs/api/citizen.md): through
// the city's identity provider (OpenID Connect) or, where configured for a
// demonstration, as a demo citizen.

#include <memory>
#include <string>

#include "identity/http.hpp"
#include "identity/oidc.hpp"

namespace yc::identity {

struct CitizenRouteSettings {
  std::string public_url;    // server.public_url ("" = the request's host)
  std::string redirect_url;  // oidc.redirect_url ("" = public base + /api/citizen/callback)
  bool demo_accounts = false;
};

void add_citizen_routes(ApiRouter& api, std::shared_ptr<OidcClient> oidc, CitizenRouteSettings settings);

}  // namespace yc::identity
