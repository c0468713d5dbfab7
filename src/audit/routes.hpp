#pragma once
// The audit API for the audit administrator: read, export, verify. There is
// no endpoint that changes the trail (三员分立: the auditor changes nothing).

#include "identity/http.hpp"
#include "store/database.hpp"

namespace yc::audit {

void add_routes(identity::ApiRouter& api, store::Database& db);

}  // namespace yc::audit
