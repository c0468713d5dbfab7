#pragma once
// The figures API (issue 10; docs/api/stats.md): dashboards and ledgers.
#include "identity/http.hpp"
#include "store/database.hpp"

namespace yc::stats {
void add_routes(identity::ApiRouter& api, store::Database& db);
}  // namespace yc::stats
