#pragma once
// The 投诉举报 API (issue 10; docs/api/complaints.md).
#include "complaints/service.hpp"
#include "identity/http.hpp"
#include "privacy/crypto.hpp"
#include "store/database.hpp"

namespace yc::complaints {
void add_routes(identity::ApiRouter& api, store::Database& db, const privacy::KeyRing& keys, Settings settings);
}  // namespace yc::complaints
