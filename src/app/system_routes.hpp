#pragma once
// GET /api/health and GET /api/system/info.

#include <string>

#include "platform/config.hpp"
#include "platform/http/http.hpp"
#include "store/database.hpp"

namespace yc::app {

struct SystemFacts {
  std::string version;
  std::string node;
  std::string database;  // "sqlite" | "postgresql"
  std::string deployment_name;  // from settings, e.g. the demo hall's name
  std::string deployment_mode;  // "demo" | "production"
  std::string hotline;          // 咨询电话 shown on public pages
  std::string service_hours;    // 办理时间 shown on public pages
  std::int64_t max_body_bytes = 0;
  int heartbeat_seconds = 15;
};

void add_system_routes(http::Router& router, store::Database& db, SystemFacts facts);

}  // namespace yc::app
