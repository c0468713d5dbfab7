#pragma once
// The calendar API (docs/api/calendar.md).

#include "identity/http.hpp"
#include "store/database.hpp"

namespace yc::calendar {

void add_routes(identity::ApiRouter& api, store::Database& db);

}  // namespace yc::calendar
