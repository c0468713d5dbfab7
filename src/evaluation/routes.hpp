#pragma once
// The 好差评 API (issue 10; docs/api/evaluation.md): the citizen's ratings of
// a case (public, by the receipt's token or the ID number; a kiosk by its
// device token), the window pad's ratings of a ticket (Authorization:
// Device <pad token>), and the staff's lists and rectifications.

#include "evaluation/service.hpp"
#include "events/service.hpp"
#include "identity/http.hpp"
#include "privacy/crypto.hpp"
#include "store/database.hpp"

namespace yc::evaluation {

void add_routes(identity::ApiRouter& api, store::Database& db, events::Service& events, const privacy::KeyRing& keys,
                Settings settings);

// The sweep (every few minutes): escalations, each told on evaluation.<unit>.
Result<int> run_sweep(store::Database& db, events::Service& events, const Settings& settings, std::int64_t now);

}  // namespace yc::evaluation
