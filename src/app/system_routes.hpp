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

struct MetricsFacts {
  std::string version;
  std::string node;
  std::string database;  // "sqlite" | "postgresql"
  std::string token;     // metrics.token; empty: loopback peers only
  double started_at_s = 0;  // process start, UTC epoch seconds
};

// GET /metrics in the Prometheus text format (0.0.4): the process registry
// (HTTP requests and durations, event streams, database pool and write
// errors, events published), yichuang_build_info and the process_* facts.
// The HTTP server serves it outside the API router (http::ServerOptions::
// metrics), so it is not an API route and has no row in the authorization
// matrix. With a token the scrape must send `Authorization: Bearer <token>`
// (401 otherwise); without one only loopback peers are answered (403).
http::Handler metrics_handler(MetricsFacts facts);

}  // namespace yc::app
