#pragma once
// Open data of the catalog (issue 5, item 8): the items in force as EU
// CPSV-AP 3 JSON-LD (cpsv:PublicService) and as schema.org
// GovernmentService, so portals and search engines can read one source.

#include <boost/json/value.hpp>

#include <string>
#include <vector>

#include "catalog/model.hpp"

namespace yc::catalog {

// base_url: where /guides/:code lives, e.g. https://rsj.example.gov.cn
boost::json::value to_cpsv_ap(const std::vector<Item>& items, const std::string& base_url);
boost::json::value to_schema_org(const std::vector<Item>& items, const std::string& base_url,
                                 const std::string& area_name);

}  // namespace yc::catalog
