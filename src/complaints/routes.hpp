#pragma once
// The 投诉举报 API (issue 10; docs/api/complaints.md).
#include "complaints/service.hpp"
#include "events/service.hpp"
#include "identity/http.hpp"
#include "privacy/crypto.hpp"
#include "store/database.hpp"

namespace yc::complaints {
void add_routes(identity::ApiRouter& api, store::Database& db, const privacy::KeyRing& keys, Settings settings);

// The 督办 sweep (every cases.sweep_minutes, beside the 好差评 one): late
// steps go up a unit, each told on complaints.<unit code>.
Result<int> run_sweep(store::Database& db, events::Service& events, const Settings& settings, std::int64_t now);
}  // namespace yc::complaints
