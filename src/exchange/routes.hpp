#pragma once
// The data exchange API (issue 10; docs/api/exchange.md): webhook
// subscriptions, deliveries and dead letters; authorized systems, their
// tokens and what they read; the OpenAPI document.
#include <set>
#include <string>
#include <string_view>

#include "identity/http.hpp"
#include "privacy/crypto.hpp"
#include "store/database.hpp"

namespace yc::exchange {
void add_routes(identity::ApiRouter& api, store::Database& db, const privacy::KeyRing& keys);

// The signed-in GET routes that authorized systems may also call with their
// token (ApiRouter::open_to_clients); each is in the OpenAPI document.
std::set<std::string> client_readable_routes();

// docs/api/openapi.json, embedded at build time.
std::string_view openapi_json();
}  // namespace yc::exchange
