#pragma once
// 劳动关系: 用工调查、劳动争议调解、矛盾隐患排查、移送劳动监察 (issue 12, item 3): the API.

#include "identity/http.hpp"
#include "privacy/crypto.hpp"
#include "store/database.hpp"

namespace yc::labour {

void add_routes(identity::ApiRouter& api, store::Database& db, const privacy::KeyRing& keys);

}  // namespace yc::labour
