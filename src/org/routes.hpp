#pragma once
// The organisation API (docs/api/identity.md "Organisation").

#include "identity/http.hpp"
#include "store/database.hpp"

namespace yc::org {

void add_routes(identity::ApiRouter& api, store::Database& db);

}  // namespace yc::org
