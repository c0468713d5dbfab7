#pragma once
// 退休人员与工伤待遇人员社会化管理 (issue 12, item 4): the API.

#include "identity/http.hpp"
#include "privacy/crypto.hpp"
#include "store/database.hpp"

namespace yc::retirees {

void add_routes(identity::ApiRouter& api, store::Database& db, const privacy::KeyRing& keys);

}  // namespace yc::retirees
