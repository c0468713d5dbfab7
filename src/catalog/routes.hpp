#pragma once
// The catalog API (docs/api/catalog.md): public reading of the items in
// force, and the editors' versions, review, diff and conformance report.

#include <string>

#include "identity/http.hpp"
#include "store/database.hpp"

namespace yc::catalog {

struct GuideSettings {
  std::string public_url;  // e.g. https://rsj.example.gov.cn; empty: from the request's Host
  std::string hotline;     // printed on guides
};

void add_routes(identity::ApiRouter& api, store::Database& db, GuideSettings guides);

}  // namespace yc::catalog
