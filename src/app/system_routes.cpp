#include "app/system_routes.hpp"

#include <boost/json.hpp>
#include <openssl/crypto.h>

#include "platform/http/json_body.hpp"
#include "platform/metrics.hpp"
#include "platform/time.hpp"
#include "store/migrate.hpp"

namespace yc::app {
namespace {

// The peer as the server saw it (behind the local nginx, the client that
// nginx named): 127.0.0.0/8 or ::1, also IPv4-mapped.
bool loopback(std::string_view address) {
  if (address.starts_with("::ffff:")) address.remove_prefix(7);
  return address == "::1" || address.starts_with("127.");
}

bool bearer_matches(const http::Request& r, const std::string& token) {
  auto auth = r.header("authorization");
  if (!auth || !auth->starts_with("Bearer ")) return false;
  const auto given = auth->substr(7);
  return given.size() == token.size() && CRYPTO_memcmp(given.data(), token.data(), token.size()) == 0;
}

}  // namespace

http::Handler metrics_handler(MetricsFacts facts) {
  const metrics::Labels build{{"version", facts.version}, {"node", facts.node}, {"database", facts.database}};
  return [facts = std::move(facts), build](const http::Request& r) -> http::Response {
    if (!facts.token.empty() && !bearer_matches(r, facts.token)) {
      auto resp = http::error_response(Error::make(ErrorCode::kUnauthenticated, "监控采集令牌无效"), r.request_id);
      resp.header("WWW-Authenticate", "Bearer realm=\"metrics\"");
      return resp;
    }
    if (facts.token.empty() && !loopback(r.remote_address))
      return http::error_response(
          Error::make(ErrorCode::kForbidden, "监控指标只对本机开放;远程采集请配置 metrics.token"), r.request_id);
    http::Response resp;
    resp.content_type = "text/plain; version=0.0.4; charset=utf-8";
    resp.body.reserve(8192);
    metrics::write_gauge(resp.body, "yichuang_build_info", "The running version, node and database engine.", 1,
                         build);
    metrics::process().render(resp.body);
    metrics::write_process_metrics(resp.body, facts.started_at_s);
    return resp;
  };
}

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
