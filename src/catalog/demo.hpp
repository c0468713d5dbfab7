#pragma once
// The demo catalog: data/catalog/items.json, embedded at build time. Demo
// content written from public knowledge; a city must review it before use.

#include <string_view>

namespace yc::catalog {

std::string_view demo_catalog_json();

}  // namespace yc::catalog
