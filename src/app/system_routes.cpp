#include "app/system_routes.hpp"

#include <boost/json.hpp>

#include "platform/http/json_body.hpp"
#include "platform/time.hpp"
#include "store/migrate.hpp"

namespace yc::app {

void add_system_routes(http::Router& router, store::Database& db, SystemFacts facts) {
  // Health: a round trip to the database and the schema level, for load
  // balancers and operators. 503 when the database does not answer.
  router.add(http::Method::kGet, "/api/health", [&db, facts](const http::Request&) {
    boost::json::object body{{"status", "ok"},
                             {"version", facts.version},
                             {"database", facts.database},
                             {"node", facts.node}};
    auto ping = db.ping();
    auto level = ping ? store::current_level(db) : Result<int>(Unexpected{ping.error()});
    if (!level) {
      body["status"] = "unavailable";
      body["error"] = boost::json::object{{"code", code_name(level.error().code)},
                                          {"message", level.error().message},
                                          {"field", ""}};
      return http::json_response(503, body);
    }
    body["migration"] = *level;
    return http::json_response(200, body);
  });

  // What the SPA needs at boot; no database access, so it runs inline.
  const std::string tail = [&] {
    boost::json::object o{
        {"product", "一窗"},
        {"product_full", "一窗 · 人力社保基层服务平台"},
        {"name", "yichuang"},
        {"version", facts.version},
        {"node", facts.node},
        {"database", facts.database},
        {"deployment", boost::json::object{{"name", facts.deployment_name},
                                           {"mode", facts.deployment_mode},
                                           {"hotline", facts.hotline},
                                           {"service_hours", facts.service_hours}}},
        {"timezone", "Asia/Shanghai"},
        {"locale", "zh-CN"},
        {"policy", "京人社服发〔2019〕117号"},
        {"limits", boost::json::object{{"max_body_bytes", facts.max_body_bytes}}},
        {"events", boost::json::object{{"heartbeat_seconds", facts.heartbeat_seconds},
                                       {"path", "/api/events"}}},
        {"accessibility", boost::json::array{"large-font", "high-contrast"}},
    };
    std::string s = boost::json::serialize(o);
    s.pop_back();  // the closing brace: per-request fields follow
    return s;
  }();
  router.add(
      http::Method::kGet, "/api/system/info",
      [tail](const http::Request&) {
        const auto now = time::now_ms();
        std::string body = tail;
        body += ",\"server_time\":\"" + time::format_utc(now) + "\",\"local_date\":\"" +
                time::shanghai_date(now).iso() + "\"}";
        return http::json_response(200, std::move(body));
      },
      http::Execution::kInline);
}

}  // namespace yc::app
