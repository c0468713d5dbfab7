#pragma once
// The staff API (issue 9; docs/api/staff.md).
#include "identity/http.hpp"
#include "privacy/crypto.hpp"
#include "store/database.hpp"

namespace yc::staff {
// keys: the photos are sealed at rest (the hall's account_photo).
void add_routes(identity::ApiRouter& api, store::Database& db, const privacy::KeyRing& keys);
// Courses, sessions, results and yearly totals (training_routes.cpp).
void add_training_routes(identity::ApiRouter& api, store::Database& db);
}  // namespace yc::staff
