#pragma once
// The case API (docs/api/cases.md): consultations, intake at the window,
// the back-office queues, papers and the citizen's progress.

#include "cases/documents.hpp"
#include "cases/service.hpp"
#include "events/service.hpp"
#include "identity/http.hpp"

namespace yc::cases {

void add_routes(identity::ApiRouter& api, store::Database& db, const privacy::KeyRing& keys, Policy policy,
                DocumentSettings settings);

// Raises the 80% warnings and escalates overdue cases (run every few minutes),
// then tells the boards of the units concerned: event topic "cases.<unit
// code>" with {"warned": n, "overdue": m} (counts only, no personal data).
Result<Service::SweepResult> sweep(store::Database& db, const privacy::KeyRing& keys, const Policy& policy,
                                   events::Service& events);

}  // namespace yc::cases
