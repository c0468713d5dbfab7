#pragma once
// The data exchange API (issue 10; docs/api/exchange.md): webhook
// subscriptions, deliveries and dead letters.
#include "identity/http.hpp"
#include "privacy/crypto.hpp"
#include "store/database.hpp"

namespace yc::exchange {
void add_routes(identity::ApiRouter& api, store::Database& db, const privacy::KeyRing& keys);
}  // namespace yc::exchange
