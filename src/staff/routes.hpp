#pragma once
// The staff API (issue 9; docs/api/staff.md).
#include "identity/http.hpp"
#include "store/database.hpp"

namespace yc::staff {
void add_routes(identity::ApiRouter& api, store::Database& db);
}  // namespace yc::staff
