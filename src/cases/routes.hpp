#pragma once
// The case API (docs/api/cases.md): consultations, intake at the window,
// the back-office queues, papers and the citizen's progress.

#include <memory>

#include "cases/documents.hpp"
#include "cases/service.hpp"
#include "events/service.hpp"
#include "identity/http.hpp"

namespace yc::cases {

void add_routes(identity::ApiRouter& api, store::Database& db, const privacy::KeyRing& keys, Policy policy,
                DocumentSettings settings);

// The online application API of signed-in citizens (online_routes.cpp).
void add_online_routes(identity::ApiRouter& api, store::Database& db, std::shared_ptr<Service> svc,
                       DocumentSettings settings);
// Deletes unused portal uploads (a day old, or dropped an hour ago) and the
// files nothing names any more; returns how many files went.
Result<int> purge_uploads(store::Database& db, const privacy::KeyRing& keys, const Policy& policy);

// Raises the 80% warnings and escalates overdue cases (run every few minutes),
// then tells the boards of the units concerned: event topic "cases.<unit
// code>" with {"warned": n, "overdue": m} (counts only, no personal data).
Result<Service::SweepResult> sweep(store::Database& db, const privacy::KeyRing& keys, const Policy& policy,
                                   events::Service& events);

}  // namespace yc::cases
