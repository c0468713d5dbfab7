#pragma once
// The catalog API (docs/api/catalog.md): public reading of the items in
// force, and the editors' versions, review, diff and conformance report.

#include "identity/http.hpp"
#include "store/database.hpp"

namespace yc::catalog {

void add_routes(identity::ApiRouter& api, store::Database& db);

}  // namespace yc::catalog
