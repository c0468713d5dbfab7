#pragma once
// The identity API (docs/api/identity.md): sign-in steps, sessions,
// accounts, roles and grants.

#include "identity/http.hpp"

namespace yc::identity {

void add_routes(ApiRouter& api);

}  // namespace yc::identity
