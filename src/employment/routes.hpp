#pragma once
// 劳动力资源台账、跟踪回访与就业服务 (issue 12, items 1-2): the API.

#include "identity/http.hpp"
#include "privacy/crypto.hpp"
#include "store/database.hpp"

namespace yc::employment {

void add_routes(identity::ApiRouter& api, store::Database& db, const privacy::KeyRing& keys);

}  // namespace yc::employment
