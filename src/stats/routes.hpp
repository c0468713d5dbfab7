#pragma once
// The figures API (issue 10; docs/api/stats.md): dashboards and ledgers.
#include "identity/http.hpp"
#include "privacy/crypto.hpp"
#include "store/database.hpp"

namespace yc::stats {
// keys: 四公开 shows the window clerks' names (三亮明), which are sealed.
void add_routes(identity::ApiRouter& api, store::Database& db, const privacy::KeyRing& keys);
}  // namespace yc::stats
