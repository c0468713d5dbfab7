#include "audit/routes.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include "audit/search.hpp"
#include "audit/service.hpp"
#include "platform/http/json_body.hpp"
#include "platform/time.hpp"

namespace yc::audit {
namespace {

namespace json = boost::json;
using http::Method;
using identity::Principal;

// "YYYY-MM-DD" as the first millisecond of that day in Asia/Shanghai.
Result<std::optional<std::int64_t>> day_start(const http::Request& r, std::string_view name, int add_days) {
  auto text = r.query(name);
  if (!text || text->empty()) return std::optional<std::int64_t>{};
  const auto d = YC_TRY(time::parse_date(*text, name));
  return std::optional<std::int64_t>(time::shanghai_day_start_ms(d) + std::int64_t{add_days} * 86'400'000);
}

Result<Filter> filter_of(const http::Request& r, int default_limit) {
  Filter f;
  f.from_ms = YC_TRY(day_start(r, "from", 0));
  f.to_ms = YC_TRY(day_start(r, "to", 1));  // the whole "to" day is included
  f.actor_login = r.query("actor").value_or("");
  f.action = r.query("action").value_or("");
  f.object_type = r.query("object_type").value_or("");
  f.object_id = r.query("object_id").value_or("");
  f.outcome = r.query("outcome").value_or("");
  if (auto b = r.query("before_seq"); b && !b->empty()) {
    if (b->size() > 18 || b->find_first_not_of("0123456789") != std::string::npos)
      return fail(ErrorCode::kInvalidArgument, "before_seq 应为正整数", "before_seq");
    f.before_seq = std::stoll(*b);
  }
  f.limit = default_limit;
  if (auto l = r.query("limit"); l && !l->empty()) {
    if (l->size() > 4 || l->find_first_not_of("0123456789") != std::string::npos)
      return fail(ErrorCode::kInvalidArgument, "limit 应为 1 至 500 的整数", "limit");
    f.limit = std::clamp(std::stoi(*l), 1, 500);
  }
  return f;
}

}  // namespace

void add_routes(identity::ApiRouter& api, store::Database& db) {
  api.add(Method::kGet, "/api/audit", "audit.read", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto f = YC_TRY(filter_of(r, 100));
    auto list = YC_TRY(db.transact<std::vector<Listed>>(store::TxMode::kRead, [&](store::Tx& tx) {
      return search(tx, p.scope("audit.read"), f);
    }));
    json::array items;
    for (const auto& l : list) {
      const auto& e = l.entry;
      items.push_back(json::object{{"seq", e.seq}, {"created_at", time::format_utc(e.created_at)},
                                   {"actor_id", e.actor_id}, {"actor_login", l.actor_login},
                                   {"actor_role", e.actor_role}, {"unit_id", e.unit_id}, {"site_id", e.site_id},
                                   {"window_id", e.window_id}, {"action", e.action},
                                   {"object_type", e.object_type}, {"object_id", e.object_id},
                                   {"client_address", e.client_address}, {"outcome", e.outcome},
                                   {"before_digest", e.before_digest}, {"after_digest", e.after_digest},
                                   {"hash", e.hash}});
    }
    json::value next = nullptr;
    if (static_cast<int>(list.size()) == f.limit && !list.empty()) next = list.back().entry.seq;
    return http::json_response(200, json::object{{"items", std::move(items)}, {"next_before_seq", next}});
  });

  api.add(Method::kGet, "/api/audit/export", "audit.read", [&db](const http::Request& r, const Principal& p) -> Result<http::Response> {
    auto f = YC_TRY(filter_of(r, 100'000));
    f.limit = 100'000;
    auto list = YC_TRY(db.transact<std::vector<Listed>>(store::TxMode::kRead, [&](store::Tx& tx) {
      return search(tx, p.scope("audit.read"), f);
    }));
    http::Response resp;
    resp.content_type = "text/csv; charset=utf-8";
    resp.body = to_csv(list);
    resp.header("Content-Disposition",
                fmt::format("attachment; filename=\"audit-{}.csv\"", time::shanghai_date(time::now_ms()).iso()));
    resp.header("Cache-Control", "no-store");
    return resp;
  });

  api.add(Method::kPost, "/api/audit/verify", "audit.read", [&db](const http::Request&, const Principal&) -> Result<http::Response> {
    auto report = YC_TRY(verify(db));
    return http::json_response(200, json::object{{"ok", report.ok}, {"entries", report.entries},
                                                 {"bad_seq", report.bad_seq}, {"reason", report.reason}});
  });
}

}  // namespace yc::audit
