#pragma once
// 失业人员档案 (issue 12, item 5): the API.

#include "identity/http.hpp"
#include "privacy/crypto.hpp"
#include "store/database.hpp"

namespace yc::archives {

void add_routes(identity::ApiRouter& api, store::Database& db, const privacy::KeyRing& keys);

}  // namespace yc::archives
